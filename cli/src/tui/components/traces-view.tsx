/**
 * Trace mode: trace list, waterfall and span details, arranged by {@link traceLayout}. The list's selection
 * is a trace id and the waterfall's a span id, so traces arriving at the top of the list or spans arriving in
 * the trace never move the cursor to another one.
 */
import React, { useMemo } from 'react';
import { Box } from 'ink';
import type { TraceSummary } from 'queue-otel/store';
import { formatDuration, traceBounds } from 'queue-otel/traces';
import { incompleteTraceNote } from '../../cli/incomplete-trace.js';
import { attemptGaps, gapBackoffUs } from '../../timing/job-timing.js';
import type { BackoffOption } from '../../timing/job-timing.js';
import { useTui } from '../app-context.js';
import type { CurrentTrace } from '../app-context.js';
import { useKeepSelection } from '../hooks/use-keep-selection.js';
import type { SelectionSlot } from '../hooks/use-keep-selection.js';
import { usePoll } from '../hooks/use-poll.js';
import { useScreenKeys } from '../hooks/use-screen-keys.js';
import { useTraceOutcomes } from '../hooks/use-trace-outcomes.js';
import type { InfoLine } from '../model/job-info.js';
import type { Screen, TracesScreen } from '../model/screens.js';
import { moveSelection, resolveSelection } from '../model/selection.js';
import { spanDetailLines } from '../model/span-details.js';
import { traceLayout } from '../model/trace-layout.js';
import { filterTraces } from '../model/trace-list.js';
import { buildWaterfall } from '../model/waterfall-rows.js';
import type { WaterfallLine } from '../model/waterfall-rows.js';
import { scrollWindow } from '../model/window.js';
import { traceActionKey } from '../trace-actions.js';
import { ViewFooter } from './chrome.js';
import { InfoLines } from './info-lines.js';
import { Panel, innerSize } from './panel.js';
import { TraceList } from './trace-list.js';
import { WATERFALL_HEADER_LINES, WaterfallPanel } from './waterfall-panel.js';
import { Text } from './text.js';

const TRACE_LIST_LIMIT = 200;

const isTraces = (screen: Screen): screen is TracesScreen => screen.kind === 'traces';
const LIST_SLOT: SelectionSlot<TracesScreen> = {
  is: isTraces,
  key: (s) => `${s.listSelected}\u0000${s.listSelectedId ?? ''}`,
  holds: (s, r) => s.listSelected === r.index && s.listSelectedId === r.id,
  write: (s, r) => ({ ...s, listSelected: r.index, listSelectedId: r.id }),
};
const SPAN_SLOT: SelectionSlot<TracesScreen> = {
  is: isTraces,
  key: (s) => `${s.traceId ?? ''}\u0000${s.spanSelected}\u0000${s.spanSelectedId ?? ''}`,
  holds: (s, r) => s.spanSelected === r.index && s.spanSelectedId === r.id,
  write: (s, r) => ({ ...s, spanSelected: r.index, spanSelectedId: r.id }),
};

/** Props of {@link TracesView}. */
export interface TracesViewProps {
  screen: TracesScreen;
  width: number;
  height: number;
}

/** At most this many retried jobs of a trace are read for their backoff option. */
const MAX_GAP_JOBS = 5;

/** What the details panel says about a row between two attempts. */
function gapLines(line: WaterfallLine): InfoLine[] {
  const gap = line.gap;
  if (!gap) return [];
  const what = line.gapPart === 'backoff'
    ? [{ label: 'Backoff', value: `before attempt ${gap.attempt}` }, { label: '', value: 'the delay BullMQ waits before a retry (the job\'s backoff option)', tone: 'dim' as const }]
    : line.gapPart === 'wait'
      ? [{ label: 'Queued', value: `before attempt ${gap.attempt}` }, { label: '', value: 'after the backoff, until a worker took the job again', tone: 'dim' as const }]
      : [{ label: 'Backoff', value: `and wait before attempt ${gap.attempt}` }, { label: '', value: 'the job\'s backoff option is not known (random or custom, or the job is gone)', tone: 'dim' as const }];
  return [what[0] as InfoLine, { label: 'Duration', value: formatDuration(line.endUs - line.startUs) }, what[1] as InfoLine];
}

/**
 * The list row `›` marks: the list's selection while the list has the focus, else the row of the trace the
 * waterfall draws (-1 with a `note` when the list does not hold it).
 */
function drawnTraceMark(screen: TracesScreen, traces: readonly TraceSummary[], selected: number, listed: readonly TraceSummary[] | undefined): { index: number; note?: string } {
  if (screen.focus === 'list' || !screen.traceId) return { index: selected };
  const drawnId = screen.traceId;
  const index = traces.findIndex((trace) => trace.traceId === drawnId);
  if (index >= 0 || !listed) return { index };
  return { index, note: listed.some((trace) => trace.traceId === drawnId) ? 'drawn trace filtered out' : `drawn trace not among the ${listed.length} newest` };
}

/** Lists traces and draws the selected (or opened) one. */
export function TracesView({ screen, width, height }: TracesViewProps): React.JSX.Element {
  const app = useTui();
  const listed = usePoll('traces', () => app.services.listTraces(TRACE_LIST_LIMIT), app.refreshMs);
  const traces = useMemo(() => filterTraces(listed.data ?? [], screen.filter), [listed.data, screen.filter]);
  const traceIds = useMemo(() => traces.map((trace) => trace.traceId), [traces]);
  const resolveList = (of: TracesScreen) => resolveSelection(traceIds, { index: of.listSelected, id: of.listSelectedId });
  const list = resolveList(screen);
  const inList = screen.focus === 'list';
  useKeepSelection(LIST_SLOT, screen, listed.data && (inList || traces.some((t) => t.traceId === screen.listSelectedId)) ? list : undefined,
    inList ? (id) => `trace ${id} is no longer in the list (expired or filtered out)` : undefined);
  const shownOf = (of: TracesScreen): string | undefined => (of.focus === 'waterfall' && of.traceId ? of.traceId : resolveList(of).id);
  const shownId = shownOf(screen);
  const trace = usePoll(shownId, () => app.services.readTrace(shownId ?? ''), app.refreshMs);
  const spans = useMemo(() => (trace.dataKey === shownId ? trace.data?.spans ?? [] : []), [trace.data, trace.dataKey, shownId]);
  // Over the waterfall, a line when the backend returned only part of the trace (it would look whole otherwise).
  const incomplete = trace.dataKey === shownId && trace.data ? incompleteTraceNote(app.services.traceSourceName, trace.data) : undefined;
  const details = screen.details ?? (width >= 100 && !inList);
  const layout = traceLayout(width, height, screen.focus, details);
  const wfInner = innerSize(layout.waterfall.width, layout.waterfall.height);
  const folded = useMemo(() => new Set(screen.folded), [screen.folded]);
  // A retried job's backoff option is in its hash: read it to split each gap into backoff and queue wait.
  const gapJobs = useMemo(() => [...new Set(attemptGaps(spans).map((gap) => gap.job))].slice(0, MAX_GAP_JOBS), [spans]);
  const jobsKey = gapJobs.length ? gapJobs.join('\u0001') : undefined;
  const backoffs = usePoll(jobsKey, async () => new Map(await Promise.all(gapJobs.map(async (job) => {
    const [queue = '', id = ''] = job.split('\u0000');
    const details = await app.services.getJob(queue, id).catch(() => undefined);
    return [job, details ? { backoff: details.times.backoff } : undefined] as const;
  }))), 0);
  const model = useMemo(() => buildWaterfall(spans, wfInner.width, folded, (gap) => {
    const job = backoffs.dataKey === jobsKey ? backoffs.data?.get(gap.job) : undefined;
    return gapBackoffUs(gap, job?.backoff as BackoffOption | undefined, job !== undefined);
  }), [spans, wfInner.width, folded, backoffs.data, backoffs.dataKey, jobsKey]);
  const lineIds = useMemo(() => model.lines.map((line) => line.id), [model]);
  const resolveSpan = (of: TracesScreen) => resolveSelection(lineIds, { index: of.spanSelected, id: of.spanSelectedId });
  const span = resolveSpan(screen);
  useKeepSelection(SPAN_SLOT, screen, spans.length ? span : undefined);
  const selectedLine = model.lines[span.index];
  const current: CurrentTrace | undefined = shownId ? { traceId: shownId, spans } : undefined;

  // `›` marks the trace the waterfall draws, or none: a trace opened from a job may be older than the newest
  // traces the list holds (or filtered out), and then a line says so instead of marking another row.
  const drawn = drawnTraceMark(screen, traces, list.index, listed.data);
  const listInner = innerSize(layout.list.width, layout.list.height);
  const listWindow = scrollWindow(traces.length, Math.max(0, drawn.index), listInner.height - (drawn.note ? 1 : 0));
  const outcomes = useTraceOutcomes(app.services, traces.slice(listWindow.start, listWindow.end));

  useScreenKeys('traces', (press, latest) => {
    const listFocus = latest.focus === 'list';
    const ids = listFocus ? traceIds : lineIds;
    const at = listFocus ? resolveList(latest) : resolveSpan(latest);
    const move = (target: { delta: number } | { to: number }): boolean => {
      const next = moveSelection(ids, at, target, listFocus ? listed.data !== undefined : spans.length > 0);
      app.updateTop((s) => (!isTraces(s) ? s : listFocus ? { ...s, listSelected: next.index, listSelectedId: next.id } : { ...s, spanSelected: next.index, spanSelectedId: next.id }));
      return true;
    };
    if (press.input === 'j' || press.name === 'down') return move({ delta: 1 });
    if (press.input === 'k' || press.name === 'up') return move({ delta: -1 });
    if (press.input === 'g' || press.name === 'home') return move({ to: 0 });
    if (press.input === 'G' || press.name === 'end') return move({ to: ids.length - 1 });
    if (press.name === 'pagedown') return move({ delta: 10 });
    if (press.name === 'pageup') return move({ delta: -10 });
    if (press.input === 's') {
      app.updateTop((s) => (isTraces(s) ? { ...s, details: !(s.details ?? (width >= 100 && s.focus === 'waterfall')) } : s));
      return true;
    }
    if (press.name === 'escape' && !listFocus && latest.fromList) {
      app.updateTop((s) => (isTraces(s) ? { ...s, focus: 'list' } : s));
      return true;
    }
    const shown = shownOf(latest);
    if (press.name === 'enter' && listFocus) {
      if (shown) app.updateTop((s) => (isTraces(s) ? { ...s, focus: 'waterfall', traceId: shown, listSelectedId: shown, spanSelected: 0, spanSelectedId: undefined, folded: [], fromList: true } : s));
      return true;
    }
    if ((press.name === 'enter' || press.input === ' ') && !listFocus) {
      const line = model.lines[at.index];
      if (line?.span && line.hasChildren) {
        const id = line.span.spanId;
        app.updateTop((s) => (isTraces(s) ? { ...s, folded: s.folded.includes(id) ? s.folded.filter((f) => f !== id) : [...s.folded, id] } : s));
      }
      return true;
    }
    // T closes the trace view (the app's shared keys); o, t and r act on the trace drawn.
    if (press.input === 'T') return false;
    return traceActionKey(press, shown ? { traceId: shown, spans: shown === shownId ? spans : [] } : undefined, app);
  });

  const traceStart = traceBounds(spans).startUs;
  const filterNote = screen.filter ? ` · filter "${screen.filter}"` : '';
  // An empty list must not claim the store is empty when only the filter matched nothing.
  const empty = !listed.data ? 'loading…' : listed.data.length === 0 ? 'no traces stored'
    : `no trace matches "${screen.filter ?? ''}" (an id prefix or a root name, among the ${listed.data.length} newest)`;
  const listPanel = (
    <Panel title={`Traces (${listed.data ? traces.length : 'loading…'})${filterNote}${listed.error ? `  ! ${listed.error}` : ''}`} width={layout.list.width} height={layout.list.height} focused={inList}>
      <TraceList traces={traces} selected={drawn.index} window={listWindow} width={listInner.width} focused={inList} outcomes={outcomes} empty={empty}
        {...(drawn.note ? { note: drawn.note } : {})} />
    </Panel>
  );
  const waterfall = (
    <Panel title={shownId ? `Trace ${shownId} · ${app.services.traceSourceName}${trace.error ? `  ! ${trace.error}` : ''}` : 'Trace'}
      width={layout.waterfall.width} height={layout.waterfall.height} focused={!inList}>
      {shownId && trace.dataKey === shownId && spans.length === 0 ? <Text dimColor>no spans found for this trace in {app.services.traceSourceName}</Text> : null}
      {incomplete ? <Text wrap="truncate" color="yellow">{incomplete}</Text> : null}
      {spans.length > 0 ? <WaterfallPanel model={model} selected={span.index} height={wfInner.height - WATERFALL_HEADER_LINES - (incomplete ? 1 : 0)} focused={!inList} /> : null}
    </Panel>
  );
  const detailLines = selectedLine?.span ? spanDetailLines(selectedLine.span, traceStart) : selectedLine ? gapLines(selectedLine) : [];
  const detailsPanel = layout.details.width > 0 ? (
    <Panel title="Span details" width={layout.details.width} height={layout.details.height}>
      {detailLines.length ? <InfoLines lines={detailLines} height={layout.details.height - 3} width={layout.details.width - 2} /> : <Text dimColor>no span</Text>}
    </Panel>
  ) : null;
  return (
    <Box flexDirection="column">
      {layout.wide
        ? <Box flexDirection="row">{listPanel}{waterfall}{detailsPanel}</Box>
        : <Box flexDirection="column">{listPanel}{waterfall}{detailsPanel}</Box>}
      <ViewFooter screen={screen} width={width} trace={current} />
    </Box>
  );
}
