/** The time ruler above the bars: round tick times every 10–15 columns, with human labels. */
import type { TimeScale } from './time-scale';
import { formatDuration } from './format-duration';

/** One tick: its column and its time relative to the start of the scale. */
export interface RulerTick {
  column: number;
  offsetUs: number;
  label: string;
}

/** The ticks and two rendered lines, each exactly `scale.width` characters. */
export interface TimeRuler {
  ticks: RulerTick[];
  labelLine: string;
  tickLine: string;
}

/**
 * Step multipliers per decade. Neighbours differ by at most 1.5×, which is what guarantees a spacing inside
 * 10–15 columns; the usual 1-2-5 series (2.5×) could not.
 */
const STEPS = [1, 1.5, 2, 3, 4, 5, 7.5, 10] as const;
const MIN_SPACING = 10;
/** Far below a column, far above the error of one product and division of doubles. */
const COLUMN_TOLERANCE = 1e-6;

/** The smallest round step (µs) whose ticks are at least {@link MIN_SPACING} columns apart. */
export function tickStepUs(scale: TimeScale): number {
  const target = (MIN_SPACING * scale.durationUs) / scale.width;
  const decade = 10 ** Math.floor(Math.log10(target));
  for (const multiplier of STEPS) {
    const step = multiplier * decade;
    // The relative tolerance absorbs floating-point error in log10 and the product.
    if (step >= target * (1 - 1e-9)) return step;
  }
  return 10 * decade;
}

/** Builds the ruler for a scale; labels that would collide with the previous one or overflow are left out. */
export function buildRuler(scale: TimeScale): TimeRuler {
  const step = tickStepUs(scale);
  const ticks: RulerTick[] = [];
  // At most one tick per column: times read from a store or a backend are untrusted, and a span from -1e308 to 1e308
  // has an infinite duration, an infinite step and NaN columns, which must end the loop rather than run it forever.
  for (let i = 0; i < scale.width; i += 1) {
    const offsetUs = i * step;
    // A tick that falls exactly on a column can come out a hair below it in floating point (0.075 × 3 is
    // 0.22499999999999998): the tolerance keeps it there, so ticks stay at least MIN_SPACING apart.
    const column = Math.floor((offsetUs * scale.width) / scale.durationUs + COLUMN_TOLERANCE);
    if (!(column < scale.width) || (i > 0 && column <= (ticks[ticks.length - 1]?.column ?? -1))) break;
    ticks.push({ column, offsetUs, label: i === 0 ? '0' : formatDuration(offsetUs) });
  }
  const tickChars = Array.from({ length: scale.width }, () => '─');
  const labelChars = Array.from({ length: scale.width }, () => ' ');
  let nextFree = 0;
  for (const tick of ticks) {
    tickChars[tick.column] = '┬';
    if (tick.column < nextFree || tick.column + tick.label.length > scale.width) continue;
    for (let i = 0; i < tick.label.length; i += 1) labelChars[tick.column + i] = tick.label[i] ?? ' ';
    nextFree = tick.column + tick.label.length + 1;
  }
  return { ticks, labelLine: labelChars.join(''), tickLine: tickChars.join('') };
}
