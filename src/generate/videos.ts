/**
 * Synthetic YouTube videos. Video j is a pure function of (seed, j): most are uploads of a catalog
 * track (titles decorated the way real channels decorate them), some have no catalog match.
 */
import type { Catalog, CatalogArtist, CatalogTrack } from './catalog.js';
import { NS } from './catalog.js';
import { artistName, songTitle, stripAccents } from './names.js';
import { rngFor, youtubeId, type Rng } from './prng.js';

/** Share of videos whose recording is not in the catalog at all. */
const UNMATCHED_SHARE = 0.15;
/** Share of videos whose title gets edited once during the feed (a media item metadata change). */
const RETITLE_SHARE = 0.08;

export interface Video {
  videoId: string;
  title: string;
  /** From `retitleDay` (0-based day of the feed) on, the channel shows `retitled` instead. */
  retitleDay: number;
  retitled: string;
  artistName: string | null;
  trackTitle: string | null;
  imageUrl: string;
  /** Row index of the catalog track this video is an upload of; null when it has none. */
  catalogIndex: number | null;
}

const THUMBNAILS = ['default', 'default', 'mqdefault', 'hqdefault'];

export function video(catalog: Catalog, index: number): Video {
  const rng = rngFor(catalog.seed, NS.video, index);
  const videoId = youtubeId(rng, 11);
  let artist: CatalogArtist;
  let track: CatalogTrack | null = null;
  let song: string;
  let featured: CatalogArtist | null = null;
  if (rng.chance(UNMATCHED_SHARE)) {
    // Half are known artists with a song the catalog lacks, half unknown artists.
    const songRng = rngFor(catalog.seed, NS.unmatchedSong, index);
    artist = rng.chance(0.5)
      ? catalog.artist(rng.int(catalog.artists))
      : { cmArtist: 0, name: artistName(rngFor(catalog.seed, NS.artist, catalog.artists + index)) };
    song = songTitle(songRng);
  } else {
    let t = rng.int(catalog.tracks);
    // Official uploads are mostly of the studio recording; some are of a live or remix row.
    if (catalog.isVersion(t) && rng.chance(0.6)) t = catalog.root(t);
    while (catalog.isBad(t)) t = (t + 1) % catalog.tracks;
    track = catalog.track(t);
    artist = track.artist;
    featured = track.featured;
    song = track.song;
  }
  const title = decorate(rng, artist.name, featured?.name ?? null, song, track?.versionLabel ?? null);
  const retitles = rng.chance(RETITLE_SHARE);
  const retitleDay = retitles ? rng.int(90) : Number.MAX_SAFE_INTEGER;
  const retitled = retitles ? decorate(rngFor(catalog.seed, NS.videoTitle, index), artist.name, featured?.name ?? null, song, track?.versionLabel ?? null) : title;
  const artistNameField = rng.chance(0.45) ? null : featured && rng.chance(0.3) ? `${artist.name} feat. ${featured.name}` : artist.name;
  const trackTitleField = rng.chance(0.26) ? null : track && rng.chance(0.8) ? track.title : song;
  return {
    videoId,
    title,
    retitleDay,
    retitled,
    artistName: artistNameField,
    trackTitle: trackTitleField,
    imageUrl: `https://i.ytimg.com/vi/${videoId}/${rng.pick(THUMBNAILS)}.jpg`,
    catalogIndex: track ? track.index : null,
  };
}

const OFFICIAL = [
  '(Official Music Video)', '(Official Video)', '[Official Video]', '(Official Audio)', '(Lyrics)',
  '(Official Lyric Video)', '[Official Music Video]', '(Visualizer)', '(Video Oficial)', '[4K]', '(Official 4K Video)', '',
];
const OFFICIAL_WEIGHTS = [20, 15, 8, 8, 5, 5, 5, 2, 3, 3, 2, 14];

/** A YouTube-style title: "ARTIST - Title ft. X (Official Music Video)", "Title | Artist", ... */
export function decorate(rng: Rng, artist: string, featured: string | null, song: string, versionLabel: string | null): string {
  let credit = '';
  let lead = artist;
  if (featured) {
    const form = rng.int(4);
    if (form === 0) credit = ` ft. ${featured}`;
    else if (form === 1) credit = ` (feat. ${featured})`;
    else if (form === 2) credit = ` feat. ${featured}`;
    else lead = `${artist}${rng.chance(0.5) ? ' x ' : ', '}${featured}`;
  }
  const version = versionLabel ? ` (${versionLabel})` : '';
  const official = rng.weighted(OFFICIAL, OFFICIAL_WEIGHTS);
  const tail = official ? ` ${official}` : '';
  const layout = rng.weighted(['dash', 'pipeTitleFirst', 'pipeArtistFirst', 'enDash', 'colon', 'titleDash'], [70, 8, 5, 8, 3, 6]);
  let text: string;
  switch (layout) {
    case 'dash':
      text = `${lead} - ${song}${credit}${version}${tail}`;
      break;
    case 'pipeTitleFirst':
      text = `${song}${credit}${version} | ${lead}`;
      break;
    case 'pipeArtistFirst':
      text = `${lead} | ${song}${credit}${version}${tail}`;
      break;
    case 'enDash':
      text = `${lead} – ${song}${credit}${version}${tail}`;
      break;
    case 'colon':
      text = `${lead}: ${song}${credit}${version}${tail}`;
      break;
    default:
      text = `${song}${credit}${version} - ${lead}${tail}`;
  }
  if (rng.chance(0.15)) text = stripAccents(text);
  if (rng.chance(0.06)) text = text.toUpperCase();
  return text;
}
