/**
 * Plain-text waterfall: a summary line, the time ruler, then one row per visible span with its tree label,
 * bar and duration. `*` in the first column marks the critical path. Below {@link COMPACT_BELOW} columns the
 * name column is dropped: each span takes two lines, its label then a full-width bar. Span names come from a
 * trace backend: their control characters are shown as escapes (by {@link fitText}), never printed.
 */
import type { TraceSpan } from '../traces/span-model';
import type { Bar, TimeScale } from './time-scale';
import type { SpanTreeNode } from './span-tree';
import type { WaterfallRow } from './flatten-tree';
import { criticalPathIds } from './critical-path';
import { flattenTree } from './flatten-tree';
import { formatDuration } from './format-duration';
import { fitText, rowLabel } from './row-label';
import { buildSpanTree } from './span-tree';
import { barFor, createTimeScale, renderBar } from './time-scale';
import { buildRuler } from './time-ruler';
import { traceBounds } from './trace-bounds';

/** Options for {@link renderWaterfallText}. */
export interface WaterfallTextOptions {
  /** Total width in columns; 20 is the useful minimum. */
  width: number;
  /** Width of the name column in the wide layout; about 30 % of the width by default. */
  nameWidth?: number;
  /** Ids of spans whose children are hidden. */
  folded?: ReadonlySet<string>;
  /** Only plain text is produced for now; colour is for the terminal UI to add. */
  colour?: false;
}

/** Below this width the name column is dropped in favour of two-line rows. */
export const COMPACT_BELOW = 60;
/** Width of the right-aligned duration column. */
const DURATION_WIDTH = 6;
const MIN_BAR_WIDTH = 10;

/**
 * Bars for every node. A child whose times lie within its parent's is clamped into the parent's bar so the
 * nesting survives rounding; a child that outlives its parent (a consumer after its producer) is drawn as is.
 */
function computeBars(roots: readonly SpanTreeNode[], scale: TimeScale): Map<SpanTreeNode, Bar> {
  const bars = new Map<SpanTreeNode, Bar>();
  const stack: { node: SpanTreeNode; parent?: { node: SpanTreeNode; bar: Bar } }[] = roots.map((node) => ({ node }));
  for (let item = stack.pop(); item; item = stack.pop()) {
    const { span } = item.node;
    const parent = item.parent;
    const nested = parent && span.startUs >= parent.node.span.startUs && span.endUs <= parent.node.span.endUs;
    const bar = barFor(scale, span.startUs, span.endUs, nested ? parent.bar : undefined);
    bars.set(item.node, bar);
    for (const child of item.node.children) stack.push({ node: child, parent: { node: item.node, bar } });
  }
  return bars;
}

function durationLabel(row: WaterfallRow): string {
  return formatDuration(row.span.endUs - row.span.startUs);
}

/** Renders spans as a text waterfall; every line is at most `width` characters (trailing spaces trimmed). */
export function renderWaterfallText(spans: readonly TraceSpan[], options: WaterfallTextOptions): string {
  const width = Math.max(20, Math.floor(options.width));
  if (spans.length === 0) return 'no spans';
  const roots = buildSpanTree(spans);
  const rows = flattenTree(roots, options.folded);
  const critical = criticalPathIds(roots);
  const { startUs, endUs } = traceBounds(spans);
  const compact = width < COMPACT_BELOW;
  // Wide enough for the longest label (e.g. `13.56ms`), so no line outgrows `width`.
  const labels = rows.map(durationLabel);
  const durationWidth = labels.reduce((widest, label) => Math.max(widest, label.length), DURATION_WIDTH);
  const defaultName = Math.min(Math.max(Math.round(width * 0.3), 16), 40);
  // mark + name + space + bar + space + duration
  const nameWidth = compact ? 0 : Math.min(options.nameWidth ?? defaultName, width - 3 - durationWidth - MIN_BAR_WIDTH);
  const barWidth = compact ? width - 1 : width - 3 - durationWidth - nameWidth;
  const scale = createTimeScale(startUs, endUs, barWidth);
  const bars = computeBars(roots, scale);
  const ruler = buildRuler(scale);
  const gutter = ' '.repeat(compact ? 1 : nameWidth + 2);
  const lines = [
    fitText(`${spans.length} spans, ${formatDuration(endUs - startUs)}, * critical path`, width),
    gutter + ruler.labelLine,
    gutter + ruler.tickLine,
  ];
  rows.forEach((row, index) => {
    const duration = (labels[index] ?? '').padStart(durationWidth);
    const mark = critical.has(row.span.spanId) ? '*' : ' ';
    const bar = renderBar(bars.get(row.node) ?? { startCell: 0, endEighths: 1 }, barWidth);
    if (compact) {
      const label = rowLabel(row, { indentPerLevel: 1, maxIndent: 6 });
      lines.push(`${mark}${fitText(label, width - 2 - durationWidth)} ${duration}`, ` ${bar}`);
    } else {
      const label = rowLabel(row, { indentPerLevel: 2, maxIndent: Math.floor(nameWidth / 2) });
      lines.push(`${mark}${fitText(label, nameWidth)} ${bar} ${duration}`);
    }
  });
  return lines.map((line) => line.trimEnd()).join('\n');
}
