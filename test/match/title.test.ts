import { describe, expect, it } from 'vitest';
import { detectFlags } from '../../src/match/flags.js';
import { fold } from '../../src/match/text.js';
import { artistNames, parseTrack, parseVideo } from '../../src/match/title.js';

const video = (title: string, artistName: string | null = null, trackTitle: string | null = null) => parseVideo({ videoId: 'v', title, artistName, trackTitle });
const firstReading = (title: string, artistName: string | null = null, trackTitle: string | null = null) => {
  const [reading] = video(title, artistName, trackTitle).readings;
  return reading && { title: reading.title, artists: reading.artists };
};

describe('fold', () => {
  it('lower-cases, strips accents and apostrophes, turns punctuation into single spaces', () => {
    expect(fold('BAD BUNNY - CALLAÍTA')).toBe('bad bunny callaita');
    expect(fold('Beyoncé, Tiësto & Søren: Don’t Stop!')).toBe('beyonce tiesto soren dont stop');
    expect(fold('  Straße  ')).toBe('strasse');
  });
});

describe('parseVideo on real sample titles', () => {
  it.each([
    ['BAD BUNNY - CALLAÍTA (Video Oficial)', null, null, { title: 'callaita', artists: ['bad bunny'] }],
    ['Passenger | Let Her Go (Official Video)', null, null, { title: 'let her go', artists: ['passenger'] }],
    ['Billie Eilish - Male Fantasy (Official Music Video)', null, null, { title: 'male fantasy', artists: ['billie eilish'] }],
    ['Alec Benjamin - Let Me Down Slowly [Official Music Video]', 'Alec Benjamin', 'Let Me Down Slowly', { title: 'let me down slowly', artists: ['alec benjamin'] }],
    ['Alan Walker x Benjamin Ingrosso - Man On The Moon (Official Music Video)', null, null, { title: 'man on the moon', artists: ['alan walker x benjamin ingrosso', 'alan walker', 'benjamin ingrosso'] }],
    ['Rihanna - S&M (Official Music Video)', 'Rihanna', 'S&M', { title: 's m', artists: ['rihanna'] }],
    ['Tate McRae - chaotic (Visualizer)', null, null, { title: 'chaotic', artists: ['tate mcrae'] }],
    ['The Weeknd - Save Your Tears (Official Music Video)', 'The Weeknd', 'Save Your Tears', { title: 'save your tears', artists: ['weeknd'] }],
  ])('%s', (title, artistName, trackTitle, expected) => {
    expect(firstReading(title, artistName, trackTitle)).toEqual(expected);
  });

  it('reads "Title - Artist" too: both orders are offered', () => {
    const readings = video('Let Her Go - Passenger').readings.map((r) => [r.title, r.artists[0]]);
    expect(readings).toEqual([
      ['passenger', 'let her go'],
      ['let her go', 'passenger'],
    ]);
  });

  it('splits on "–", ":" and "|" and drops trailing decoration words outside brackets', () => {
    expect(firstReading('Jão – Idiota')).toEqual({ title: 'idiota', artists: ['jao'] });
    expect(firstReading('Sia: Unstoppable Official Audio')).toEqual({ title: 'unstoppable', artists: ['sia'] });
    expect(firstReading("TXT (투모로우바이투게더) 'Good Boy Gone Bad' Official MV")).toEqual({ title: 'good boy gone bad', artists: ['txt'] });
  });

  it('keeps feat./ft. credits as a featured-artist set, in brackets or trailing', () => {
    expect(video('Katy Perry - Dark Horse (Official) ft. Juicy J').featured).toEqual(['juicy j']);
    expect(video('Bad Bunny (ft. Bomba Estéreo) - Ojitos Lindos (360° Visualizer) | Un Verano Sin Ti').featured).toEqual(['bomba estereo']);
    expect(video('New Kids On The Block - Bring Back The Time (Ft Salt-N-Pepa, Rick Astley, En Vogue) (Official Video)').featured).toEqual([
      'salt n pepa rick astley en vogue',
      'salt n pepa',
      'rick astley',
      'en vogue',
    ]);
  });

  it('uses artist_name and track_title first when the source has them', () => {
    expect(firstReading('Gusttavo Lima - Ficha Limpa - Falando de Amor', 'Gusttavo Lima', 'Ficha Limpa')).toEqual({ title: 'ficha limpa', artists: ['gusttavo lima'] });
  });

  it('flags versions on the video side: bracketed, in a left-out segment, or anywhere for sped up / ao vivo', () => {
    expect(video('SE FOR AMOR - João Gomes e Vitor Fernandes (DVD Ao Vivo em Fortaleza)').flags).toEqual(['live']);
    expect(video('Desde Mis Ojos (Remix)').flags).toEqual(['remix']);
    expect(video('Sia - Cheap Thrills (Performance Edit)').flags).toEqual(['edit']);
    expect(video('Heat Waves sped up').flags).toEqual(['sped_up']);
    const dvd = video('Hugo e Guilherme - Da Moral Pros Pobre - DVD Próximo Passo').readings.find((r) => r.title === 'da moral pros pobre' && r.artists[0] === 'hugo e guilherme');
    expect(dvd?.flags).toEqual(['live']);
  });
});

describe('artistNames', () => {
  it('gives the whole credit and each artist, leading "the" dropped', () => {
    expect(artistNames('Lady Gaga, Bradley Cooper')).toEqual(['lady gaga bradley cooper', 'lady gaga', 'bradley cooper']);
    expect(artistNames('Henrique & Juliano')).toEqual(['henrique juliano', 'henrique', 'juliano']);
    expect(artistNames('The Kid LAROI')).toEqual(['kid laroi']);
  });
});

describe('parseTrack (catalog side)', () => {
  it.each([
    ['FEEL SOMETHING (feat. Marshmello)', { title: 'feel something', featured: ['marshmello'], flags: [] }],
    ['BED - THAT KIND Remix', { title: 'bed', featured: [], flags: ['remix'] }],
    ['Mona Lisa - 2009 Remaster', { title: 'mona lisa', featured: [], flags: ['remaster'] }],
    ['Hold on My Heart (Live in Paris 7/21/1998) - Remastered', { title: 'hold on my heart', featured: [], flags: ['live', 'remaster'] }],
    ['The Way It Goes (Acoustic)', { title: 'the way it goes', featured: [], flags: ['acoustic'] }],
    ['bluebird - Official Karaoke Version', { title: 'bluebird', featured: [], flags: ['karaoke'] }],
    ['Happy (From "Despicable Me 2") / Happy (Remix) [Mixed]', { title: 'happy happy', featured: [], flags: ['remix', 'dj_mix'] }],
  ])('%s', (track, expected) => {
    const parsed = parseTrack(track, 'Someone');
    expect({ title: parsed.title, featured: parsed.featured, flags: parsed.flags }).toEqual(expected);
  });
});

describe('detectFlags', () => {
  it('names each version kind', () => {
    expect(detectFlags('Sped Up + Slowed')).toEqual(['sped_up', 'slowed']);
    expect(detectFlags('Instrumental')).toEqual(['instrumental']);
    expect(detectFlags('Extended Mix')).toEqual(['remix', 'extended']);
    expect(detectFlags('Piano Version')).toEqual(['acoustic']);
    expect(detectFlags('Official Video')).toEqual([]);
  });

  it('treats a plain radio edit as an edit, a credited one as a remix', () => {
    expect(detectFlags('Radio Edit')).toEqual(['edit']);
    expect(detectFlags('DJ Kone & Marc Palacios Radio Edit')).toEqual(['edit', 'remix']);
  });
});
