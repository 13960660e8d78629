import { resolve } from 'node:path';
import { connect } from '../db/connect.js';
import { resolveTarget } from '../db/target.js';
import { UsageError } from '../errors.js';
import { parseFlags } from './flags.js';
import { interruptible } from '../interrupt.js';
import { defaultReviewer } from '../match/decisions.js';
import { DEFAULT_TOP } from '../match/matcher.js';
import { DEFAULT_ACCEPT_CONFIDENCE, DEFAULT_NO_MATCH_CONFIDENCE } from '../match/recommendation.js';
import { runMatch } from '../match/run.js';
import type { Command } from './command.js';

const USAGE = `Usage: cm-tui match [--db URL|PATH] [--top N] [--auto-accept [CONF]] [--auto-no-match [CONF]] [--candidates-out FILE.csv]

Scores every media item against the catalog in isrc_lookup, groups the rows that are one
recording (several ISRCs), gives each recording a confidence (the probability that it is the
video's recording, fitted on hand-labelled videos) and stores the best N recordings in
isrc_candidates and one recommendation per item (strong / medium / low / none, with the reason)
in isrc_recommendations, replacing that item's from an earlier run. Decisions already made are
kept: match never changes or removes one.

Options:
  --db URL|PATH            PostgreSQL URL or embedded data folder
  --top N                  recordings kept per media item (default ${DEFAULT_TOP})
  --auto-accept [CONF]     record an automatic accept of the top recording where its confidence
                           is at least CONF (default ${DEFAULT_ACCEPT_CONFIDENCE}) and nothing asks for a person (an edit
                           row for a full video)
  --auto-no-match [CONF]   record an automatic no_match where no recording reaches confidence
                           CONF (default ${DEFAULT_NO_MATCH_CONFIDENCE})
                           Both print how many items they would decide first, and never touch an
                           item that has any decision in its history (an analyst's always wins).
  --candidates-out FILE    also write video_id,rank,isrc,score,title_score,artist_score,flags,
                           recording,representative,confidence
  --reviewer NAME          name recorded on automatic decisions (default: the OS user)`;

function number(flag: string, value: string, min: number, max: number, integer = false): number {
  const parsed = Number(value);
  if (value.trim() === '' || !Number.isFinite(parsed) || parsed < min || parsed > max || (integer && !Number.isInteger(parsed))) {
    throw new UsageError(`match: --${flag} must be ${integer ? 'an integer' : 'a number'} from ${min} to ${max}, got '${value}'`);
  }
  return parsed;
}

/** `--auto-accept` and `--auto-no-match` may stand alone (default confidence); parseArgs needs a value, so supply it. */
function withDefaultValues(argv: string[]): string[] {
  const defaults: Record<string, number> = { '--auto-accept': DEFAULT_ACCEPT_CONFIDENCE, '--auto-no-match': DEFAULT_NO_MATCH_CONFIDENCE };
  return argv.flatMap((arg, i) => (arg in defaults && (argv[i + 1] === undefined || argv[i + 1]!.startsWith('--')) ? [arg, String(defaults[arg])] : [arg]));
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

const match: Command = {
  name: 'match',
  summary: 'score media items against the ISRC catalog, store candidates and a recommendation, optionally decide automatically',
  usage: USAGE,
  async run(argv) {
    const { values } = parseFlags('match', {
      args: withDefaultValues(argv),
      allowPositionals: false,
      options: {
        db: { type: 'string' },
        top: { type: 'string' },
        'auto-accept': { type: 'string' },
        'auto-no-match': { type: 'string' },
        'candidates-out': { type: 'string' },
        reviewer: { type: 'string' },
      },
    });
    const top = values.top === undefined ? DEFAULT_TOP : number('top', values.top, 1, 100, true);
    const autoAccept = values['auto-accept'] === undefined ? undefined : number('auto-accept', values['auto-accept'], 0, 1);
    const autoNoMatch = values['auto-no-match'] === undefined ? undefined : number('auto-no-match', values['auto-no-match'], 0, 1);
    if (autoAccept !== undefined && autoNoMatch !== undefined && autoNoMatch > autoAccept) {
      throw new UsageError(`match: --auto-no-match (${autoNoMatch}) must not exceed --auto-accept (${autoAccept})`);
    }
    const reviewer = values.reviewer ?? defaultReviewer();
    // The candidates commit before the automatic decisions run (one statement): say which part was undone.
    let candidatesStored = false;
    const outcome = () => (candidatesStored ? 'the candidates were stored; no automatic decision was recorded' : 'no candidates were stored (the database is as it was)');
    return interruptible(async (signal) => {
      const handle = await connect(resolveTarget(values.db), { signal });
      const tty = process.stderr.isTTY;
      try {
        const summary = await runMatch(handle, {
          top,
          reviewer,
          ...(autoAccept === undefined ? {} : { autoAccept }),
          ...(autoNoMatch === undefined ? {} : { autoNoMatch }),
          ...(values['candidates-out'] === undefined ? {} : { candidatesOut: resolve(values['candidates-out']) }),
          onProgress: (stage, done) => {
            if (tty) process.stderr.write(`\r${stage}: ${done.toLocaleString('en-US')}\x1b[K`);
          },
          onCandidatesStored: () => {
            candidatesStored = true;
          },
          onAutomaticPlan: (rule, count) => {
            if (tty) process.stderr.write('\r\x1b[K');
            const n = count.toLocaleString('en-US');
            process.stdout.write(
              rule.decision === 'accept'
                ? `auto-accept: ${n} media items would be accepted (confidence >= ${rule.confidence})\n`
                : `auto-no-match: ${n} media items would be recorded as no match (no recording reaches confidence ${rule.confidence})\n`,
            );
          },
        });
        if (tty) process.stderr.write('\r\x1b[K');
        const n = (value: number) => value.toLocaleString('en-US');
        const automatic = summary.autoAccepted !== null || summary.autoNoMatched !== null;
        const lines = [
          `match: ${handle.description}`,
          `  catalog rows     ${n(summary.catalogRows)}`,
          `  media items      ${n(summary.mediaItems)} (${n(summary.withCandidates)} with candidates)`,
          `  candidates       ${n(summary.candidates)} stored (top ${top} recordings)`,
          ...(summary.autoAccepted === null ? [] : [`  auto-accepted    ${n(summary.autoAccepted)}`]),
          ...(summary.autoNoMatched === null ? [] : [`  auto no-match    ${n(summary.autoNoMatched)}`]),
          ...(values['candidates-out'] === undefined ? [] : [`  candidates file  ${resolve(values['candidates-out'])}`]),
          `  elapsed          ${(summary.elapsedMs / 1000).toFixed(2)} s (catalog ${seconds(summary.stageMs.catalog)}, scoring ${seconds(summary.stageMs.scoring)}, storing ${seconds(summary.stageMs.storing)}${automatic ? `, automatic decisions ${seconds(summary.stageMs.automatic)}` : ''})`,
        ];
        process.stdout.write(lines.join('\n') + '\n');
        return 0;
      } finally {
        await handle.close();
      }
    }, outcome);
  },
};

export default match;
