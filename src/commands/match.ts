import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { connect } from '../db/connect.js';
import { resolveTarget } from '../db/target.js';
import { UsageError } from '../errors.js';
import { interruptible } from '../interrupt.js';
import { DEFAULT_AUTO_ACCEPT, DEFAULT_MARGIN, DEFAULT_TOP } from '../match/auto-accept.js';
import { defaultReviewer } from '../match/decisions.js';
import { runMatch } from '../match/run.js';
import type { Command } from './command.js';

const USAGE = `Usage: cm-tui match [--db URL|PATH] [--top N] [--auto-accept [SCORE]] [--margin M] [--candidates-out FILE.csv]

Scores every media item against the catalog in isrc_lookup and stores its best N candidates in
isrc_candidates (replacing that item's candidates from an earlier run). Decisions already made
are kept: match never changes or removes one.

Options:
  --db URL|PATH            PostgreSQL URL or embedded data folder
  --top N                  candidates kept per media item (default ${DEFAULT_TOP})
  --auto-accept [SCORE]    record an automatic accept where the top candidate scores at least
                           SCORE (default ${DEFAULT_AUTO_ACCEPT}) and leads the second by the margin; only for an
                           item with no decision yet (an undo counts as one)
  --margin M               lead over the second candidate auto-accept requires (default ${DEFAULT_MARGIN})
  --candidates-out FILE    also write video_id,rank,isrc,score,title_score,artist_score,flags
  --reviewer NAME          name recorded on automatic decisions (default: the OS user)`;

function number(flag: string, value: string, min: number, max: number, integer = false): number {
  const parsed = Number(value);
  if (value.trim() === '' || !Number.isFinite(parsed) || parsed < min || parsed > max || (integer && !Number.isInteger(parsed))) {
    throw new UsageError(`match: --${flag} must be ${integer ? 'an integer' : 'a number'} from ${min} to ${max}, got '${value}'`);
  }
  return parsed;
}

/** `--auto-accept` may stand alone (default score); parseArgs needs a value, so supply it. */
function withAutoAcceptValue(argv: string[]): string[] {
  return argv.flatMap((arg, i) => (arg === '--auto-accept' && (argv[i + 1] === undefined || argv[i + 1]!.startsWith('--')) ? [arg, String(DEFAULT_AUTO_ACCEPT)] : [arg]));
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

const match: Command = {
  name: 'match',
  summary: 'score media items against the ISRC catalog, store candidates, optionally auto-accept',
  usage: USAGE,
  async run(argv) {
    let values;
    try {
      ({ values } = parseArgs({
        args: withAutoAcceptValue(argv),
        allowPositionals: false,
        strict: true,
        options: {
          db: { type: 'string' },
          top: { type: 'string' },
          'auto-accept': { type: 'string' },
          margin: { type: 'string' },
          'candidates-out': { type: 'string' },
          reviewer: { type: 'string' },
        },
      }));
    } catch (error) {
      throw new UsageError(`match: ${(error as Error).message}`);
    }
    const top = values.top === undefined ? DEFAULT_TOP : number('top', values.top, 1, 100, true);
    const margin = values.margin === undefined ? DEFAULT_MARGIN : number('margin', values.margin, 0, 1);
    const threshold = values['auto-accept'] === undefined ? undefined : number('auto-accept', values['auto-accept'], 0, 1);
    if (threshold !== undefined && top < 2 && margin > 0) throw new UsageError('match: --auto-accept checks the lead over the second candidate, so --top must be at least 2');
    const reviewer = values.reviewer ?? defaultReviewer();
    // The candidates commit before auto-accept runs (one statement): say which part was undone.
    let candidatesStored = false;
    const outcome = () => (candidatesStored ? 'the candidates were stored; auto-accept recorded no decision' : 'no candidates were stored (the database is as it was)');
    return interruptible(async (signal) => {
      const handle = await connect(resolveTarget(values.db), { signal });
      const tty = process.stderr.isTTY;
      try {
        const summary = await runMatch(handle, {
          top,
          reviewer,
          ...(threshold === undefined ? {} : { autoAccept: { threshold, margin } }),
          ...(values['candidates-out'] === undefined ? {} : { candidatesOut: resolve(values['candidates-out']) }),
          onProgress: (stage, done) => {
            if (tty) process.stderr.write(`\r${stage}: ${done.toLocaleString('en-US')}\x1b[K`);
          },
          onCandidatesStored: () => {
            candidatesStored = true;
          },
          onAutoAcceptPlan: (count) => {
            if (tty) process.stderr.write('\r\x1b[K');
            process.stdout.write(`auto-accept: ${count.toLocaleString('en-US')} media items would be accepted (score >= ${threshold}, lead >= ${margin})\n`);
          },
        });
        if (tty) process.stderr.write('\r\x1b[K');
        const n = (value: number) => value.toLocaleString('en-US');
        const lines = [
          `match: ${handle.description}`,
          `  catalog rows     ${n(summary.catalogRows)}`,
          `  media items      ${n(summary.mediaItems)} (${n(summary.withCandidates)} with candidates)`,
          `  candidates       ${n(summary.candidates)} stored (top ${top})`,
          ...(summary.autoAccepted === null ? [] : [`  auto-accepted    ${n(summary.autoAccepted)}`]),
          ...(values['candidates-out'] === undefined ? [] : [`  candidates file  ${resolve(values['candidates-out'])}`]),
          `  elapsed          ${(summary.elapsedMs / 1000).toFixed(2)} s (catalog ${seconds(summary.stageMs.catalog)}, scoring ${seconds(summary.stageMs.scoring)}, storing ${seconds(summary.stageMs.storing)}${summary.autoAccepted === null ? '' : `, auto-accept ${seconds(summary.stageMs.autoAccept)}`})`,
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
