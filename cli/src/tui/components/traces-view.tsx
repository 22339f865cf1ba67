/** Trace mode: trace list, waterfall and span details, arranged by {@link traceLayout}. */
import React, { useEffect, useMemo } from 'react';
import { Box } from 'ink';
import { useTui } from '../app-context.js';
import { useKeys } from '../hooks/use-keys.js';
import { usePoll } from '../hooks/use-poll.js';
import type { TracesScreen } from '../model/screens.js';
import { spanDetailLines } from '../model/span-details.js';
import { traceLayout } from '../model/trace-layout.js';
import { filterTraces } from '../model/trace-list.js';
import { buildWaterfall } from '../model/waterfall-rows.js';
import { clampIndex } from '../model/window.js';
import { InfoLines } from './info-lines.js';
import { Panel, innerSize } from './panel.js';
import { TraceList } from './trace-list.js';
import { WaterfallPanel } from './waterfall-panel.js';
import { Text } from './text.js';

const TRACE_LIST_LIMIT = 200;

/** Props of {@link TracesView}. */
export interface TracesViewProps {
  screen: TracesScreen;
  width: number;
  height: number;
}

/** Lists traces and draws the selected (or opened) one. */
export function TracesView({ screen, width, height }: TracesViewProps): React.JSX.Element {
  const app = useTui();
  const listed = usePoll('traces', () => app.services.listTraces(TRACE_LIST_LIMIT), app.refreshMs);
  const traces = useMemo(() => filterTraces(listed.data ?? [], screen.filter), [listed.data, screen.filter]);
  const listSelected = clampIndex(screen.listSelected, traces.length);
  const shownId = screen.focus === 'waterfall' && screen.traceId ? screen.traceId : traces[listSelected]?.traceId;
  const trace = usePoll(shownId, () => app.services.getTrace(shownId ?? ''), app.refreshMs);
  const spans = trace.dataKey === shownId ? trace.data ?? [] : [];
  const layout = traceLayout(width, height, screen.focus, screen.details || (width >= 100 && screen.focus === 'waterfall'));
  const wfInner = innerSize(layout.waterfall.width, layout.waterfall.height);
  const folded = useMemo(() => new Set(screen.folded), [screen.folded]);
  const model = useMemo(() => buildWaterfall(spans, wfInner.width, folded), [spans, wfInner.width, folded]);
  const spanSelected = clampIndex(screen.spanSelected, model.lines.length);
  const selectedSpan = model.lines[spanSelected]?.span;

  useEffect(() => {
    app.setCurrentTrace(shownId ? { traceId: shownId, spans } : undefined);
  }, [shownId, spans]);

  useKeys((input, key) => {
    const inList = screen.focus === 'list';
    const count = inList ? traces.length : model.lines.length;
    const current = inList ? listSelected : spanSelected;
    const move = (to: number): void => {
      const next = clampIndex(to, count);
      app.updateTop(() => (inList ? { ...screen, listSelected: next } : { ...screen, spanSelected: next }));
    };
    if (input === 'j' || key.downArrow) move(current + 1);
    else if (input === 'k' || key.upArrow) move(current - 1);
    else if (input === 'g') move(0);
    else if (input === 'G') move(count - 1);
    else if (key.pageDown) move(current + 10);
    else if (key.pageUp) move(current - 10);
    else if (input === 's') app.updateTop(() => ({ ...screen, details: !screen.details }));
    else if (key.return && inList && shownId) {
      app.updateTop(() => ({ ...screen, focus: 'waterfall', traceId: shownId, spanSelected: 0, folded: [], fromList: true }));
    } else if ((key.return || input === ' ') && !inList && selectedSpan && model.lines[spanSelected]?.hasChildren) {
      const id = selectedSpan.spanId;
      const next = folded.has(id) ? screen.folded.filter((f) => f !== id) : [...screen.folded, id];
      app.updateTop(() => ({ ...screen, folded: next }));
    }
  }, app.keysActive);

  const listInner = innerSize(layout.list.width, layout.list.height);
  const traceStart = spans.length ? Math.min(...spans.map((span) => span.startUs)) : 0;
  const filterNote = screen.filter ? ` · filter "${screen.filter}"` : '';
  const list = (
    <Panel title={`Traces (${traces.length})${filterNote}${listed.error ? `  ! ${listed.error}` : ''}`} width={layout.list.width} height={layout.list.height} focused={screen.focus === 'list'}>
      <TraceList traces={traces} selected={listSelected} width={listInner.width} height={listInner.height} focused={screen.focus === 'list'} />
    </Panel>
  );
  const waterfall = (
    <Panel title={shownId ? `Trace ${shownId} · ${app.services.traceSourceName}${trace.error ? `  ! ${trace.error}` : ''}` : 'Trace'}
      width={layout.waterfall.width} height={layout.waterfall.height} focused={screen.focus === 'waterfall'}>
      {shownId && trace.dataKey === shownId && spans.length === 0 ? <Text dimColor>no spans found for this trace in {app.services.traceSourceName}</Text> : null}
      {spans.length > 0 ? <WaterfallPanel model={model} selected={spanSelected} height={wfInner.height - 3} focused={screen.focus === 'waterfall'} /> : null}
    </Panel>
  );
  const details = layout.details.width > 0 ? (
    <Panel title="Span details" width={layout.details.width} height={layout.details.height}>
      {selectedSpan ? <InfoLines lines={spanDetailLines(selectedSpan, traceStart)} height={layout.details.height - 3} labelWidth={layout.details.width < 50 ? 9 : 11} /> : <Text dimColor>no span</Text>}
    </Panel>
  ) : null;
  return layout.wide
    ? <Box flexDirection="row">{list}{waterfall}{details}</Box>
    : <Box flexDirection="column">{list}{waterfall}{details}</Box>;
}
