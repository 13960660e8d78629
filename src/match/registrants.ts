/**
 * Registrants: an ISRC's first five characters (country and registrant code) name who issued
 * it. An artist's own releases mostly share a few registrants; a same-titled row from a
 * registrant none of the artist's other rows use, or from one that issues only arrangements and
 * covers, is likely another recording.
 */

import { grown } from './columns.js';

export function registrantOf(isrc: string): string {
  return isrc.slice(0, 5);
}

/** One artist credit's catalog rows counted by registrant (few per artist: parallel arrays of registrant numbers). */
export interface ArtistRows {
  rows: number;
  registrants: number[];
  counts: number[];
}

export function newArtistRows(): ArtistRows {
  return { rows: 0, registrants: [], counts: [] };
}

/** What the catalog says about a row's registrant. */
export interface RegistrantEvidence {
  /** The artist's other rows with the same registrant. */
  sharedWithArtist: number;
  /** The artist's other rows. */
  artistOthers: number;
  /** Share of the registrant's rows that are another version (a version flag or qualifier); null under 3 rows. */
  versionShare: number | null;
}

/**
 * Rows and version rows per registrant, and per artist credit. Registrants are numbered as they
 * come (a catalog can hold a million of them): numbers compare faster than strings in an
 * artist's list, and the counts need no object per registrant.
 */
export class RegistrantStats {
  private readonly numbers = new Map<string, number>();
  private rows = new Int32Array(1024);
  private versions = new Int32Array(1024);

  add(artist: ArtistRows, isrc: string, isVersion: boolean): void {
    const code = registrantOf(isrc);
    let registrant = this.numbers.get(code);
    if (registrant === undefined) {
      registrant = this.numbers.size;
      this.numbers.set(code, registrant);
      if (registrant === this.rows.length) {
        this.rows = grown(this.rows);
        this.versions = grown(this.versions);
      }
    }
    artist.rows++;
    const at = artist.registrants.indexOf(registrant);
    if (at >= 0) artist.counts[at]!++;
    else {
      artist.registrants.push(registrant);
      artist.counts.push(1);
    }
    this.rows[registrant]!++;
    if (isVersion) this.versions[registrant]!++;
  }

  evidence(artist: ArtistRows, isrc: string): RegistrantEvidence {
    const registrant = this.numbers.get(registrantOf(isrc));
    const at = registrant === undefined ? -1 : artist.registrants.indexOf(registrant);
    const rows = registrant === undefined ? 0 : this.rows[registrant]!;
    return {
      sharedWithArtist: at >= 0 ? artist.counts[at]! - 1 : 0,
      artistOthers: Math.max(0, artist.rows - 1),
      versionShare: rows >= 3 ? this.versions[registrant!]! / rows : null,
    };
  }
}
