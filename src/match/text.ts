/**
 * Text folding shared by both sides of the match: the catalog rows and the video titles are
 * compared only after the same folding, so "CALLAÍTA", "Callaita" and "callaíta" are equal.
 */

// Letters NFD does not decompose into a base letter plus a mark.
const SPECIAL_LETTERS: Record<string, string> = { ß: 'ss', ø: 'o', æ: 'ae', œ: 'oe', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i' };

const PLAIN = /^[a-z0-9]+(?: [a-z0-9]+)*$/;

/** Lower case, accents removed, apostrophes dropped ("don't" -> "dont"), other punctuation as spaces. */
export function fold(text: string): string {
  const lower = text.toLowerCase();
  // Plain ASCII words are already folded: the common case, and the cheap one.
  if (PLAIN.test(lower)) return lower;
  return lower
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[ßøæœłđðþı]/g, (ch) => SPECIAL_LETTERS[ch] ?? ch)
    .replace(/['’‘`´]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The words of a folded text. */
export function words(folded: string): string[] {
  return folded === '' ? [] : folded.split(' ');
}
