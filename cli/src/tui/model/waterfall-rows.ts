/**
 * The waterfall as the UI draws it: one entry per visible span with its label, bar and flags, and between two
 * attempts of a job a row for the gap (the backoff, then the wait until a worker took the job again), laid out
 * with the pure waterfall functions of queue-otel/traces. Colours are left to the component.
 */
import { barFor, buildRuler, buildSpanTree, createTimeScale, fitText, flattenTree, formatDuration, renderBar, traceBounds } from 'queue-otel/traces';
import type { Bar, SpanTreeNode, TraceSpan, WaterfallRow } from 'queue-otel/traces';
import { attemptGaps, outcomeOfSpan } from '../../timing/job-timing.js';
import type { AttemptGap } from '../../timing/job-timing.js';
import { jobCriticalPath } from './job-critical-path.js';
import type { CriticalBreakdown, GapBackoff } from './job-critical-path.js';

/** Below this width the name column is dropped and each span takes two lines. */
export const WATERFALL_COMPACT_BELOW = 48;
/** Wide enough for `999.99ms`. */
const DURATION_WIDTH = 8;

/** One visible row: a span, or the gap between two attempts of a job. */
export interface WaterfallLine {
  /**
   * The span id, or the gap's id (`gap:…`); unique in the model. A span id a trace holds more than once (the
   * backend's fault) is the id of its first line only, the later ones are `{spanId}#2`, `#3` …
   */
  id: string;
  /** The span; undefined for a gap row. */
  span?: TraceSpan;
  gap?: AttemptGap;
  /**
   * Which part of the gap the row is: the backoff, the wait after it, or both when the job's backoff option is
   * not known (jitter, a custom strategy, the job is gone).
   */
  gapPart?: 'backoff' | 'wait' | 'both';
  /** The row's own time, µs (a gap row's part of the gap). */
  startUs: number;
  endUs: number;
  label: string;
  bar: string;
  duration: string;
  error: boolean;
  /** An attempt that failed and was retried (`bullmq.job.outcome` retried): not the job's failure. */
  retried: boolean;
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
  /** Spans of the trace, folded ones included. */
  spanCount: number;
  /** Error spans that are not retried attempts, and retried attempts. */
  errors: number;
  retried: number;
  critical: CriticalBreakdown;
}

/** Bars of every node, a child clamped into its parent's bar when its times lie inside the parent's. */
function barsOf(roots: readonly SpanTreeNode[], scale: ReturnType<typeof createTimeScale>): Map<SpanTreeNode, Bar> {
  // By node, not span id: two spans with one id have a bar each.
  const bars = new Map<SpanTreeNode, Bar>();
  const stack: { node: SpanTreeNode; parent?: SpanTreeNode }[] = roots.map((node) => ({ node }));
  for (let item = stack.pop(); item; item = stack.pop()) {
    const { span } = item.node;
    const parent = item.parent;
    const nested = parent && span.startUs >= parent.span.startUs && span.endUs <= parent.span.endUs;
    const bar = barFor(scale, span.startUs, span.endUs, nested ? bars.get(parent) : undefined);
    bars.set(item.node, bar);
    for (const child of item.node.children) stack.push({ node: child, parent: item.node });
  }
  return bars;
}

const isRetried = (span: TraceSpan): boolean => span.status === 'error' && outcomeOfSpan(span) === 'retried';

/** `▼` open, `▶` folded, `[!]` failed, `[↻]` failed and retried, indented by depth. */
function labelOf(row: WaterfallRow, indent: string): string {
  const marker = row.folded ? '▶' : row.hasChildren ? '▼' : ' ';
  const flag = row.span.status !== 'error' ? '' : isRetried(row.span) ? '[↻] ' : '[!] ';
  return `${indent}${marker} ${flag}${row.span.name}`;
}

/** The rows of a gap: backoff then queued when the backoff is known, else one row for both. */
function gapParts(gap: AttemptGap, backoffUs: number | undefined): { id: string; part: 'backoff' | 'wait' | 'both'; startUs: number; endUs: number }[] {
  if (backoffUs === undefined) return [{ id: gap.id, part: 'both', startUs: gap.startUs, endUs: gap.endUs }];
  const split = gap.startUs + backoffUs;
  const parts: { id: string; part: 'backoff' | 'wait' | 'both'; startUs: number; endUs: number }[] = [];
  if (backoffUs > 0) parts.push({ id: gap.id, part: 'backoff', startUs: gap.startUs, endUs: split });
  if (gap.endUs > split) parts.push({ id: `${gap.id}:wait`, part: 'wait', startUs: split, endUs: gap.endUs });
  return parts;
}

const GAP_LABELS = { backoff: 'backoff', wait: 'queued', both: 'backoff+wait' } as const;

/**
 * Lays out `spans` for a panel `width` columns wide with the given spans folded; `backoffOf` splits the gaps
 * between attempts into backoff and queue wait (timing/job-timing.ts) when the job's backoff option is known.
 */
export function buildWaterfall(spans: readonly TraceSpan[], width: number, folded: ReadonlySet<string>, backoffOf: GapBackoff = () => undefined): WaterfallModel {
  const compact = width < WATERFALL_COMPACT_BELOW;
  const roots = buildSpanTree(spans);
  const rows = flattenTree(roots, folded);
  const path = jobCriticalPath(spans, backoffOf);
  const gaps = new Map(attemptGaps(spans).map((gap) => [gap.afterSpanId, gap]));
  const { startUs, endUs } = traceBounds(spans);
  const nameWidth = compact ? 0 : Math.min(40, Math.max(14, Math.round(width * 0.36)));
  // marker + name + space + bar + space + duration
  const barWidth = Math.max(8, compact ? width - 2 : width - nameWidth - DURATION_WIDTH - 3);
  const scale = createTimeScale(startUs, endUs, barWidth);
  const bars = barsOf(roots, scale);
  const ruler = buildRuler(scale);
  const gutter = ' '.repeat(compact ? 1 : nameWidth + 2);
  const labelWidth = compact ? width - DURATION_WIDTH - 2 : nameWidth;
  const indentOf = (depth: number): string => ' '.repeat(compact ? Math.min(depth, 6) : Math.min(depth * 2, Math.floor(nameWidth / 2)));
  const lines: WaterfallLine[] = [];
  const occurrences = new Map<string, number>();
  for (const row of rows) {
    // Line ids are React keys and what the selection holds: each line needs its own, duplicated span ids too.
    const occurrence = (occurrences.get(row.span.spanId) ?? 0) + 1;
    occurrences.set(row.span.spanId, occurrence);
    const lineId = occurrence === 1 ? row.span.spanId : `${row.span.spanId}#${occurrence}`;
    const gap = occurrence === 1 ? gaps.get(row.span.spanId) : undefined;
    for (const part of gap ? gapParts(gap, backoffOf(gap)) : []) {
      if (!gap) break;
      lines.push({
        id: part.id, gap, gapPart: part.part, startUs: part.startUs, endUs: part.endUs,
        label: fitText(`${indentOf(row.depth)}  ┄ ${GAP_LABELS[part.part]} → #${gap.attempt}`, labelWidth),
        bar: renderBar(barFor(scale, part.startUs, part.endUs), barWidth),
        duration: formatDuration(part.endUs - part.startUs).padStart(DURATION_WIDTH),
        error: false, retried: false, critical: path.ids.has(part.id), wait: part.part === 'wait', hasChildren: false,
      });
    }
    lines.push({
      id: lineId,
      span: row.span,
      startUs: row.span.startUs,
      endUs: row.span.endUs,
      label: fitText(labelOf(row, indentOf(row.depth)), labelWidth),
      bar: renderBar(bars.get(row.node) ?? { startCell: 0, endEighths: 1 }, barWidth),
      duration: formatDuration(row.span.endUs - row.span.startUs).padStart(DURATION_WIDTH),
      error: row.span.status === 'error' && !isRetried(row.span),
      retried: isRetried(row.span),
      critical: path.ids.has(row.span.spanId),
      wait: row.span.name.startsWith('wait '),
      hasChildren: row.hasChildren,
    });
  }
  return {
    compact, nameWidth, barWidth, ruler: [gutter + ruler.labelLine, gutter + ruler.tickLine], lines, totalUs: endUs - startUs,
    spanCount: spans.length,
    errors: spans.filter((span) => span.status === 'error' && !isRetried(span)).length,
    retried: spans.filter(isRetried).length,
    critical: path.breakdown,
  };
}
