/**
 * The waterfall as the UI draws it: one entry per visible span with its label, bar and flags, laid out with
 * the pure waterfall functions of queue-otel/traces. Colours are left to the component.
 */
import {
  barFor, buildRuler, buildSpanTree, createTimeScale, criticalPathIds, fitText, flattenTree, formatDuration,
  renderBar, rowLabel,
} from 'queue-otel/traces';
import type { Bar, SpanTreeNode, TraceSpan } from 'queue-otel/traces';

/** Below this width the name column is dropped and each span takes two lines. */
export const WATERFALL_COMPACT_BELOW = 48;
/** Wide enough for `999.99ms`. */
const DURATION_WIDTH = 8;

/** One visible span. */
export interface WaterfallLine {
  span: TraceSpan;
  label: string;
  bar: string;
  duration: string;
  error: boolean;
  critical: boolean;
  /** A `wait {queue}` span: the time the job spent queued. */
  wait: boolean;
  hasChildren: boolean;
}

/** The whole drawable waterfall. */
export interface WaterfallModel {
  compact: boolean;
  nameWidth: number;
  barWidth: number;
  /** Ruler label and tick lines, already indented to the bar column. */
  ruler: [string, string];
  lines: WaterfallLine[];
  totalUs: number;
}

/** Bars of every node, a child clamped into its parent's bar when its times lie inside the parent's. */
function barsOf(roots: readonly SpanTreeNode[], scale: ReturnType<typeof createTimeScale>): Map<string, Bar> {
  const bars = new Map<string, Bar>();
  const stack: { node: SpanTreeNode; parent?: SpanTreeNode }[] = roots.map((node) => ({ node }));
  for (let item = stack.pop(); item; item = stack.pop()) {
    const { span } = item.node;
    const parent = item.parent;
    const nested = parent && span.startUs >= parent.span.startUs && span.endUs <= parent.span.endUs;
    const bar = barFor(scale, span.startUs, span.endUs, nested ? bars.get(parent.span.spanId) : undefined);
    bars.set(span.spanId, bar);
    for (const child of item.node.children) stack.push({ node: child, parent: item.node });
  }
  return bars;
}

/** Lays out `spans` for a panel `width` columns wide with the given spans folded. */
export function buildWaterfall(spans: readonly TraceSpan[], width: number, folded: ReadonlySet<string>): WaterfallModel {
  const compact = width < WATERFALL_COMPACT_BELOW;
  const roots = buildSpanTree(spans);
  const rows = flattenTree(roots, folded);
  const critical = criticalPathIds(roots);
  const startUs = spans.length ? Math.min(...spans.map((span) => span.startUs)) : 0;
  const endUs = spans.length ? Math.max(...spans.map((span) => span.endUs)) : 0;
  const nameWidth = compact ? 0 : Math.min(40, Math.max(14, Math.round(width * 0.32)));
  // marker + name + space + bar + space + duration
  const barWidth = Math.max(8, compact ? width - 2 : width - nameWidth - DURATION_WIDTH - 3);
  const scale = createTimeScale(startUs, endUs, barWidth);
  const bars = barsOf(roots, scale);
  const ruler = buildRuler(scale);
  const gutter = ' '.repeat(compact ? 1 : nameWidth + 2);
  const lines = rows.map((row): WaterfallLine => {
    const label = rowLabel(row, compact ? { indentPerLevel: 1, maxIndent: 6 } : { indentPerLevel: 2, maxIndent: Math.floor(nameWidth / 2) });
    return {
      span: row.span,
      label: fitText(label, compact ? width - DURATION_WIDTH - 2 : nameWidth),
      bar: renderBar(bars.get(row.span.spanId) ?? { startCell: 0, endEighths: 1 }, barWidth),
      duration: formatDuration(row.span.endUs - row.span.startUs).padStart(DURATION_WIDTH),
      error: row.span.status === 'error',
      critical: critical.has(row.span.spanId),
      wait: row.span.name.startsWith('wait '),
      hasChildren: row.hasChildren,
    };
  });
  return { compact, nameWidth, barWidth, ruler: [gutter + ruler.labelLine, gutter + ruler.tickLine], lines, totalUs: endUs - startUs };
}

/** Queue wait and processing time of a trace: the sum of its wait spans and of its process spans. */
export function waitVersusProcess(spans: readonly TraceSpan[]): { waitUs: number; processUs: number } {
  let waitUs = 0;
  let processUs = 0;
  for (const span of spans) {
    if (span.name.startsWith('wait ')) waitUs += span.endUs - span.startUs;
    else if (span.name.startsWith('process ')) processUs += span.endUs - span.startUs;
  }
  return { waitUs, processUs };
}
