/**
 * A trace as a source read it, with what the backend said about its completeness. A backend may answer 200 with
 * only part of a trace (Tempo's `"status": "PARTIAL"` past a per-trace limit, Jaeger 1.x's `errors` next to its
 * `data`); drawn as it is, such a trace looks complete, so the source carries the backend's reason along.
 */
import { terminalSafe } from '../terminal';
import type { TraceSpan } from './span-model';

/** Longest warning kept, in characters, after control characters were made visible. */
export const MAX_WARNING_LENGTH = 300;
/** Most warnings kept of one response; the rest are counted in a last one. */
export const MAX_WARNINGS = 5;
/** Of a backend's message only this much is looked at: a 30 MB message costs no more than a short one. */
const MESSAGE_READ_LENGTH = 4 * MAX_WARNING_LENGTH;

/** What {@link TraceSource.readTrace} resolves to. */
export interface TraceRead {
  /** The spans the backend returned, as `getTrace` resolves them. */
  spans: TraceSpan[];
  /**
   * True when the backend said these spans are not the whole trace (Tempo `PARTIAL`, Jaeger `errors` next to
   * `data`): a UI should say so next to the waterfall.
   */
  partial: boolean;
  /**
   * Why, in the backend's words: at most {@link MAX_WARNINGS} messages of at most {@link MAX_WARNING_LENGTH}
   * characters, control characters shown as escapes (`terminalSafe`), so they can be printed as they are.
   */
  warnings: string[];
}

/** A complete read of `spans`. */
export function completeRead(spans: TraceSpan[]): TraceRead {
  return { spans, partial: false, warnings: [] };
}

/**
 * A message from a backend made printable and bounded: control characters shown as escapes, cut to `maxLength`
 * characters with an ellipsis; undefined for a non-string or blank one.
 */
export function backendMessage(value: unknown, maxLength = MAX_WARNING_LENGTH): string | undefined {
  if (typeof value !== 'string') return undefined;
  const safe = terminalSafe(value.slice(0, MESSAGE_READ_LENGTH)).trim();
  if (safe === '') return undefined;
  // Cut by code points, so a cut never leaves half a surrogate pair.
  const points = Array.from(safe);
  return points.length <= maxLength ? safe : `${points.slice(0, maxLength - 1).join('')}…`;
}

/**
 * One error entry of a backend as a warning: its message, bounded so that ` (<label> <code>)` still fits after it
 * (the code names the failure class, so it is kept whole); a code that is not a safe integer is left out.
 */
export function codedWarning(message: unknown, code: unknown, label: string): string {
  const number = typeof code === 'string' && code.trim() !== '' ? Number(code) : code;
  const suffix = Number.isSafeInteger(number) ? ` (${label} ${number as number})` : '';
  return `${backendMessage(message, MAX_WARNING_LENGTH - suffix.length) ?? 'an error without a message'}${suffix}`;
}

/**
 * Warnings for a backend's list of errors, each formatted by `format`: at most {@link MAX_WARNINGS}, the last one
 * saying how many more there were. Only the entries kept are formatted, so a list of a million costs five.
 */
export function warningsOf(entries: readonly unknown[], format: (entry: unknown) => string): string[] {
  if (entries.length <= MAX_WARNINGS) return entries.map((entry) => format(entry));
  const kept = entries.slice(0, MAX_WARNINGS - 1).map((entry) => format(entry));
  return [...kept, `and ${entries.length - kept.length} more`];
}
