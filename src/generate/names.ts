/** Artist and song names built from the word lists, each a pure function of its rng. */
import type { Rng } from './prng.js';
import {
  ADJECTIVES,
  BAND_NOUNS,
  CODAS,
  FIRST_NAMES,
  FRENCH_TITLES,
  LAST_NAMES,
  NON_LATIN,
  NOUNS,
  ONSETS,
  PORTUGUESE_TITLES,
  SPANISH_TITLES,
  STAGE_PREFIXES,
  VERBS,
  VOWELS,
} from './words.js';

/** An invented, pronounceable word such as "Zorvani" or "Kaléx": 2 or 3 syllables. */
export function inventedWord(rng: Rng): string {
  const syllables = rng.chance(0.6) ? 2 : 3;
  let word = '';
  for (let i = 0; i < syllables; i++) word += rng.pick(ONSETS) + rng.pick(VOWELS);
  word += rng.pick(CODAS);
  return word.charAt(0).toUpperCase() + word.slice(1);
}

export function artistName(rng: Rng): string {
  const style = rng.weighted(
    ['full', 'mono', 'stage', 'band', 'andThe', 'adjNoun', 'lower', 'caps', 'duo', 'jr', 'nonLatin'],
    [34, 10, 12, 9, 4, 8, 3, 5, 7, 2, 1],
  );
  const first = rng.pick(FIRST_NAMES);
  // Most surnames and half the stage names are invented, so that (as in a real catalog) most artists
  // have a name of their own rather than one of a few thousand list combinations.
  const last = rng.chance(0.3) ? rng.pick(LAST_NAMES) : inventedWord(rng);
  switch (style) {
    case 'full':
      return `${first} ${last}`;
    case 'mono': {
      const name = rng.chance(0.3) ? first : inventedWord(rng);
      return rng.chance(0.3) ? name.toUpperCase() : name;
    }
    case 'stage':
      return `${rng.pick(STAGE_PREFIXES)} ${rng.chance(0.5) ? inventedWord(rng) : rng.chance(0.5) ? first : rng.pick(NOUNS)}`;
    case 'band':
      return rng.chance(0.5) ? `The ${rng.pick(ADJECTIVES)} ${rng.pick(BAND_NOUNS)}` : `The ${inventedWord(rng)}s`;
    case 'andThe':
      return `${rng.chance(0.5) ? first : inventedWord(rng)} & the ${rng.pick(BAND_NOUNS)}`;
    case 'adjNoun':
      return `${rng.pick(ADJECTIVES)} ${rng.chance(0.5) ? rng.pick(BAND_NOUNS) : inventedWord(rng)}`;
    case 'lower':
      return `${first} ${last}`.toLowerCase();
    case 'caps':
      return last.toUpperCase();
    case 'duo':
      return `${first} ${rng.pick(['e', 'y', '&'])} ${rng.pick(FIRST_NAMES)}`;
    case 'jr':
      return `${first} ${last} Jr.`;
    default:
      return `${rng.pick(NON_LATIN)} ${rng.pick(NON_LATIN)}`;
  }
}

export function songTitle(rng: Rng): string {
  const style = rng.weighted(
    ['adjNoun', 'noun', 'verbMe', 'verbThe', 'nounOfNoun', 'iVerbYou', 'nounInThe', 'adj', 'es', 'pt', 'fr', 'nonLatin', 'lower', 'caps', 'adjNounNoun', 'invented', 'inventedNoun', 'adjNounInThe'],
    [12, 3, 4, 5, 5, 2, 5, 2, 6, 4, 2, 0.3, 2, 3, 10, 12, 8, 6],
  );
  switch (style) {
    case 'adjNoun':
      return `${rng.pick(ADJECTIVES)} ${rng.pick(NOUNS)}`;
    case 'noun':
      return rng.pick(NOUNS);
    case 'verbMe':
      return `${rng.pick(VERBS)} Me ${rng.pick(['', 'Now', 'Down', 'Closer', 'Tonight', 'Back'])}`.trimEnd();
    case 'verbThe':
      return `${rng.pick(VERBS)} the ${rng.pick(NOUNS)}`;
    case 'nounOfNoun':
      return `${rng.pick(NOUNS)} of ${rng.pick(NOUNS)}`;
    case 'iVerbYou':
      return `I ${rng.pick(VERBS)} You`;
    case 'nounInThe':
      return `${rng.pick(NOUNS)} in the ${rng.pick(NOUNS)}`;
    case 'adj':
      return rng.pick(ADJECTIVES);
    case 'es':
      return rng.chance(0.4) ? rng.pick(SPANISH_TITLES) : `${rng.pick(SPANISH_TITLES)} ${rng.pick(['de Amor', 'Otra Vez', 'Pa\' Mí', 'Bonita', 'en la Noche', 'Para Siempre', 'de Verano'])}`;
    case 'pt':
      return rng.chance(0.4) ? rng.pick(PORTUGUESE_TITLES) : `${rng.pick(PORTUGUESE_TITLES)} ${rng.pick(['de Novo', 'no Coração', 'Demais', 'Sem Você', 'ao Luar'])}`;
    case 'fr':
      return rng.chance(0.3) ? rng.pick(FRENCH_TITLES) : `${rng.pick(FRENCH_TITLES)} ${rng.pick(['encore', 'pour toi', 'à Paris', 'ce soir', 'mon amour'])}`;
    case 'nonLatin':
      return rng.pick(NON_LATIN);
    case 'lower':
      return `i ${rng.pick(VERBS).toLowerCase()} u`;
    case 'caps':
      return `${rng.pick(ADJECTIVES)} ${rng.pick(NOUNS)}`.toUpperCase();
    case 'adjNounNoun':
      return `${rng.pick(ADJECTIVES)} ${rng.pick(NOUNS)} ${rng.pick(NOUNS)}`;
    case 'invented':
      return inventedWord(rng);
    case 'inventedNoun':
      return `${inventedWord(rng)} ${rng.pick(NOUNS)}`;
    default:
      return `${rng.pick(ADJECTIVES)} ${rng.pick(NOUNS)} in the ${rng.pick(NOUNS)}`;
  }
}

/** "Beyoncé" -> "Beyonce", only on Latin letters (stripping marks from Thai or Hangul breaks them). */
export function stripAccents(text: string): string {
  return text.normalize('NFD').replace(/([A-Za-z])\p{M}+/gu, '$1').normalize('NFC');
}

/** CSV field in the catalog's style: always quoted, quotes doubled. */
export function csvQuote(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}
