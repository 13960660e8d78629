/**
 * JSON.parse of one record's text. A raw NUL byte inside a string is the record's fault, not the
 * file's: it is read as the \u0000 it stands for, so validation refuses that record with the
 * field named (the database cannot store U+0000) and the rest of the file loads.
 */
export function parseWithRawNul(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    // Outside a string the escape is no JSON either: the original error stands.
    if (!text.includes('\0')) throw error;
    try {
      return JSON.parse(text.replaceAll('\0', '\\u0000'));
    } catch {
      throw error;
    }
  }
}

/** PostgreSQL text cannot hold U+0000: a dead letter's raw text shows it as the JSON escape \u0000. */
export function storableText(text: string): string {
  return text.includes('\0') ? text.replaceAll('\0', '\\u0000') : text;
}
