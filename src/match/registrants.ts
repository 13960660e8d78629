/**
 * Registrants: an ISRC's first five characters (country and registrant code) name who issued
 * it. An artist's own releases mostly share a few registrants; a same-titled row from a
 * registrant none of the artist's other rows use, or from one that issues only arrangements and
 * covers, is likely another recording.
 */

export function registrantOf(isrc: string): string {
  return isrc.slice(0, 5);
}

/** One artist credit's catalog rows counted by registrant (few per artist: parallel arrays). */
export interface ArtistRows {
  rows: number;
  registrants: string[];
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

export class RegistrantStats {
  private readonly rows = new Map<string, { rows: number; versions: number }>();

  add(artist: ArtistRows, isrc: string, isVersion: boolean): void {
    const registrant = registrantOf(isrc);
    artist.rows++;
    const at = artist.registrants.indexOf(registrant);
    if (at >= 0) artist.counts[at]!++;
    else {
      artist.registrants.push(registrant);
      artist.counts.push(1);
    }
    let stats = this.rows.get(registrant);
    if (!stats) this.rows.set(registrant, (stats = { rows: 0, versions: 0 }));
    stats.rows++;
    if (isVersion) stats.versions++;
  }

  evidence(artist: ArtistRows, isrc: string): RegistrantEvidence {
    const registrant = registrantOf(isrc);
    const at = artist.registrants.indexOf(registrant);
    const stats = this.rows.get(registrant);
    return {
      sharedWithArtist: at >= 0 ? artist.counts[at]! - 1 : 0,
      artistOthers: Math.max(0, artist.rows - 1),
      versionShare: stats && stats.rows >= 3 ? stats.versions / stats.rows : null,
    };
  }
}
