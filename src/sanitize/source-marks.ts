/**
 * Spans sanitized where they were recorded. QueueOtel puts every input of its spans through its attribute policy
 * as it records them (startPolicySpan), so a sanitizing processor or exporter further down passes them on as they
 * are: one scan per attribute, one set of statistics. Spans of a QueueOtel with `sanitize: false` are not marked and
 * are sanitized downstream like any application span; so is anything unknown (the safe direction).
 */
const sanitized = new WeakSet<object>();
/**
 * Whether a sanitizing processor or exporter exists in this process to read the marks. Until one is built,
 * marking is skipped: a WeakSet entry per span costs about a microsecond, for a mark nothing would read. A span
 * started before the first such reader existed is unmarked and sanitized again downstream, which changes nothing
 * (markers are kept as they are) but count its attributes twice.
 */
let marksAreRead = false;

/** Called by the sanitizing processor and exporter: from now on spans sanitized at their source are marked. */
export function readSourceMarks(): void {
  marksAreRead = true;
}

/**
 * The property a span of QueueOtel's own class (LightSpan) sets to mark itself: a field costs nothing, where each
 * WeakSet entry is an ephemeron the garbage collector must trace.
 */
export const SANITIZED_AT_SOURCE: unique symbol = Symbol('queue-otel.sanitized-at-source');

/** A span that can carry its own mark. */
export interface SelfMarkingSpan {
  [SANITIZED_AT_SOURCE]: boolean;
}

/** Marks a span (the SDK's span object, or a LightSpan) as sanitized by the code that recorded it. */
export function markSanitizedAtSource(span: object): void {
  if (SANITIZED_AT_SOURCE in span) (span as SelfMarkingSpan)[SANITIZED_AT_SOURCE] = true;
  else if (marksAreRead) sanitized.add(span);
}

/** Whether `span` was sanitized by the code that recorded it. */
export function isSanitizedAtSource(span: object): boolean {
  return (span as Partial<SelfMarkingSpan>)[SANITIZED_AT_SOURCE] === true || sanitized.has(span);
}
