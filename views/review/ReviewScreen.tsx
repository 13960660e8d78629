import { Box, Text } from 'ink';
import { memo } from 'react';
import { Spinner } from '@inkjs/ui';
import { Frame, type BodySize } from '../components/Frame/Frame.js';
import { ScoreBar } from '../components/ScoreBar/ScoreBar.js';
import { formatCount, truncate } from '../components/text/text.js';
import { TextField } from '../components/TextField/TextField.js';
import { colorEnabled } from '../components/theme.js';
import { DatabaseStatus } from '../components/WithDatabase/WithDatabase.js';
import { useKeyBindings } from '../keys/useKeyBindings.js';
import { useDb } from '../services.js';
import { REVIEW_HELP, reviewBindings } from './bindings.js';
import type { ReviewState } from './review-reducer.js';
import { QUEUE_LABELS, type ReviewCandidate, type ReviewItem } from './review-types.js';
import { describeRule } from './auto-rule.js';
import { useReview } from './useReview.js';
import { wordDiff, type DiffWord } from './word-diff.js';

export function ReviewScreen() {
  const db = useDb();
  const [state, dispatch] = useReview(db);
  const bindings = reviewBindings(state.phase, state.list.source === 'search');
  useKeyBindings(bindings, dispatch);
  return (
    <Frame title="Match review" bindings={bindings} help={REVIEW_HELP}>
      {(body) => (db ? <ReviewBody state={state} body={body} /> : <DatabaseStatus />)}
    </Frame>
  );
}

const pct = (n: number) => n.toFixed(2);

function ProgressLine({ state }: { state: ReviewState }) {
  const p = state.progress;
  const counts = p
    ? `decided ${formatCount(p.decided)} / ${formatCount(p.total)} · accepted ${formatCount(p.accepted)} · rejected ${formatCount(p.rejected)} · no match ${formatCount(p.noMatch)} · deferred ${formatCount(p.deferred)}`
    : 'counting…';
  return (
    <Text wrap="truncate">
      <Text bold>Queue: {QUEUE_LABELS[state.queue]}</Text> <Text dimColor>(f)</Text>
      {state.at >= 0 ? ` · item ${formatCount(state.at + 1)} of ${formatCount(state.order.length)}` : ''} · {counts}
    </Text>
  );
}

function ReviewBody({ state, body }: { state: ReviewState; body: BodySize }) {
  const leftWidth = Math.max(30, Math.floor(body.width * 0.38));
  const rightWidth = body.width - leftWidth - 1;
  const item = state.item;
  // As tall as the longer side needs, so the normalised strings sit right under the candidates.
  const candidateLines = 1 + 2 * Math.max(1, state.list.candidates.length);
  const videoLines = item ? 8 + Math.min(7, item.playlists.length) + (item.decision ? 1 : 0) + (item.recommendation ? 1 : 0) + (state.note ? 1 : 0) : 1;
  // The auto-decision panel takes two lines more than the message line.
  const bottomLines = state.phase === 'confirmAuto' ? 3 : 1;
  const panelHeight = Math.min(Math.max(6, body.height - 5 - bottomLines), Math.max(candidateLines, videoLines));
  return (
    <Box flexDirection="column">
      <ProgressLine state={state} />
      {item === null ? (
        <Box height={panelHeight} flexDirection="column">
          {state.phase === 'busy' ? <Spinner label="loading…" /> : <Text>Nothing in the {QUEUE_LABELS[state.queue]} queue. f shows the next queue; u undoes the last decision.</Text>}
        </Box>
      ) : (
        <Box height={panelHeight}>
          <Box width={leftWidth} flexDirection="column" overflow="hidden">
            <VideoPanel item={item} note={state.note} width={leftWidth} />
          </Box>
          <Box width={1} />
          <Box width={rightWidth} flexDirection="column" overflow="hidden">
            <CandidateList list={state.list} picked={state.picked} rejected={state.rejected} width={rightWidth} height={panelHeight} />
          </Box>
        </Box>
      )}
      <Text> </Text>
      <Normalised item={state.item} picked={state.list.candidates[state.picked]} width={body.width} />
      <BottomLine state={state} />
    </Box>
  );
}

// Memoised: while a decision saves only the bottom line changes, so the busy frame stays cheap.
const VideoPanel = memo(function VideoPanel({ item, note, width }: { item: ReviewItem; note: string | null; width: number }) {
  const field = (label: string, value: string | null, wrap: 'wrap' | 'truncate' = 'truncate') => (
    <Text wrap={wrap}>
      <Text dimColor>{label.padEnd(7)}</Text>
      {value ?? '∅'}
    </Text>
  );
  return (
    <>
      <Text bold wrap="truncate">
        Video {item.videoId}
      </Text>
      {field('title', item.title, 'wrap')}
      {field('artist', item.artistName)}
      {field('track', item.trackTitle)}
      <Text dimColor>
        in {item.playlists.length} {item.playlists.length === 1 ? 'playlist' : 'playlists'} (best position)
      </Text>
      {item.playlists.slice(0, 6).map((p, i) => (
        <Text key={i} wrap="truncate">
          {'  '}
          {p.bestPosition === null ? '  –' : `#${String(p.bestPosition).padEnd(3)}`} {truncate(p.name, width - 8)}
        </Text>
      ))}
      {item.playlists.length > 6 ? <Text dimColor>  … {item.playlists.length - 6} more</Text> : null}
      {item.decision ? (
        <Text wrap="truncate" color="cyan">
          in force: {item.decision.decision.replace('_', ' ')}
          {item.decision.isrc ? ` ${item.decision.isrc}` : ''} ({item.decision.method})
        </Text>
      ) : null}
      {item.recommendation ? (
        <Text wrap="truncate">
          <Text dimColor>recommended </Text>
          {item.recommendation}
        </Text>
      ) : null}
      {note ? <Text wrap="truncate">note: {note}</Text> : null}
    </>
  );
});

const CandidateList = memo(function CandidateList({ list, picked, rejected, width, height }: { list: ReviewState['list']; picked: number; rejected: readonly string[]; width: number; height: number }) {
  const { candidates, source, query } = list;
  const title = source === 'search' ? `Catalog search "${query ?? ''}" (Esc: back to candidates)` : `Candidates (${candidates.length})`;
  // Two lines per candidate; keep the picked one in view.
  const fits = Math.max(1, Math.floor((height - 1) / 2));
  const top = Math.max(0, Math.min(picked - fits + 1, candidates.length - fits));
  return (
    <>
      <Text bold wrap="truncate">
        {title}
      </Text>
      {candidates.length === 0 ? <Text dimColor>{source === 'search' ? 'no catalog row matches' : 'no candidate: n for no match, / to search the catalog'}</Text> : null}
      {candidates.slice(Math.max(0, top), Math.max(0, top) + fits).map((c, k) => {
        const i = Math.max(0, top) + k;
        return <CandidateRow key={c.isrc} candidate={c} rank={i + 1} picked={i === picked} rejected={rejected.includes(c.isrc)} width={width} />;
      })}
    </>
  );
});

function CandidateRow({ candidate: c, rank, picked, rejected, width }: { candidate: ReviewCandidate; rank: number; picked: boolean; rejected: boolean; width: number }) {
  const mark = picked ? '▶' : ' ';
  // A second ISRC of the recording above: same recording, decided with it.
  const same = c.representative ? '' : '≡ ';
  const head = `${mark} ${String(rank).padStart(2)}. ${rejected ? '✗ ' : ''}${same}${c.track ?? '∅'} — ${c.artist ?? '∅'}`;
  const subs = c.titleScore === null ? 'catalog search' : `title ${pct(c.titleScore)} artist ${pct(c.artistScore ?? 0)}`;
  const flags = c.flags.length > 0 ? `  ${c.flags.join(' ')}` : '';
  return (
    <Box flexDirection="column">
      <Text wrap="truncate" inverse={picked} dimColor={rejected} strikethrough={rejected && colorEnabled()}>
        {truncate(head, width)}
      </Text>
      <Text wrap="truncate" dimColor={rejected}>
        {'      '}
        {/* The bar is the recording's confidence (the score for a search hit or a match stored before confidences). */}
        {c.isrc.padEnd(13)} <ScoreBar score={c.confidence ?? c.score} width={10} /> <Text dimColor>{subs}</Text>
        <Text color="yellow">{flags}</Text>
      </Text>
    </Box>
  );
}

function Words({ words }: { words: DiffWord[] }) {
  const color = colorEnabled();
  return (
    <>
      {words.map((w, i) => (
        <Text key={i}>
          {i > 0 ? ' ' : ''}
          {w.same ? w.text : color ? <Text color="yellow" bold underline>{w.text}</Text> : `[${w.text}]`}
        </Text>
      ))}
    </>
  );
}

const Normalised = memo(function Normalised({ item, picked, width }: { item: ReviewItem | null; picked: ReviewCandidate | undefined; width: number }) {
  if (!item || !picked) return <Box height={4} />;
  const video = picked.videoReading !== '' ? picked.videoReading : item.reading;
  const diff = wordDiff(picked.normalised, video);
  return (
    <Box flexDirection="column" height={4} width={width}>
      <Text dimColor>normalised, differences marked:</Text>
      <Text wrap="truncate">
        <Text dimColor>candidate </Text>
        <Words words={diff.a} />
      </Text>
      <Text wrap="truncate">
        <Text dimColor>video     </Text>
        <Words words={diff.b} />
      </Text>
      <Text wrap="truncate">
        <Text dimColor>why       </Text>
        {picked.evidence.length > 0 ? picked.evidence.join(' · ') : picked.confidence === null ? 'no evidence stored (run match again)' : '–'}
      </Text>
    </Box>
  );
});

function BottomLine({ state }: { state: ReviewState }) {
  if (state.phase === 'search') return <TextField label="search catalog (words or ISRC):" value={state.input} />;
  if (state.phase === 'note') return <TextField label="note for the next decision:" value={state.input} />;
  if (state.phase === 'confirmAuto') {
    const [accept, noMatch] = describeRule(state.autoRule, state.autoCount);
    const some = state.autoCount !== null && state.autoCount.accept + state.autoCount.noMatch > 0;
    return (
      <Box flexDirection="column">
        <Text bold color="yellow" wrap="truncate">
          {accept}
        </Text>
        <Text bold color="yellow" wrap="truncate">
          {noMatch}
        </Text>
        <Text wrap="truncate">{some ? 'y records both (method auto, undoable) · ' : ''}n/Esc cancels</Text>
      </Box>
    );
  }
  if (state.phase === 'busy' && state.item) return <Spinner label={state.effect?.run.kind === 'search' ? 'searching…' : 'saving…'} />;
  const ignored = state.ignored > 0 ? ` · ${state.ignored} ${state.ignored === 1 ? 'key' : 'keys'} ignored while loading` : '';
  return (
    <Text wrap="truncate" color={state.message?.tone === 'error' ? 'red' : undefined} dimColor={state.message === null}>
      {state.message?.text ?? ' '}
      {ignored}
    </Text>
  );
}
