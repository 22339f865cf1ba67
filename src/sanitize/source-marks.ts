/**
 * Spans sanitized where they were recorded. QueueOtel puts every input of its spans through its attribute policy
 * as it records them (startPolicySpan), so a sanitizing processor or exporter further down passes them on as they
 * are: one scan per attribute, one set of statistics. Spans of a QueueOtel with `sanitize: false` are not marked and
 * are sanitized downstream like any application span; so is anything unknown (the safe direction).
 */
const sanitized = new WeakSet<object>();

/** Marks a span (the SDK's span object) as sanitized by the code that recorded it. */
export function markSanitizedAtSource(span: object): void {
  sanitized.add(span);
}

/** Whether `span` was sanitized by the code that recorded it. */
export function isSanitizedAtSource(span: object): boolean {
  return sanitized.has(span);
}
