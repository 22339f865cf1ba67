/** Waterfall layout: span tree, folding, time-to-column mapping, ruler, critical path and a text renderer. */
export type { SpanTreeNode } from './span-tree';
export { buildSpanTree } from './span-tree';
export type { WaterfallRow } from './flatten-tree';
export { flattenTree } from './flatten-tree';
export type { Bar, TimeScale } from './time-scale';
export { barFor, createTimeScale, renderBar, toEighths } from './time-scale';
export type { RulerTick, TimeRuler } from './time-ruler';
export { buildRuler, tickStepUs } from './time-ruler';
export { formatDuration } from './format-duration';
export { traceBounds } from './trace-bounds';
export type { CriticalSegment } from './critical-path';
export { criticalPath, criticalPathIds } from './critical-path';
export type { RowLabelStyle } from './row-label';
export { fitText, rowLabel } from './row-label';
export type { WaterfallTextOptions } from './render-waterfall-text';
export { COMPACT_BELOW, renderWaterfallText } from './render-waterfall-text';
