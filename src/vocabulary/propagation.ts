/**
 * How a job's processing span relates to the span that enqueued it.
 * - `child`: the process span is a child of the producer's span: one waterfall per request.
 * - `link`: the process span starts a new trace with a link to the producer's span: bounded traces.
 * - `none`: the process span starts a new trace with no reference to the producer.
 */
export const PROPAGATION_MODES = ['child', 'link', 'none'] as const;

/** One of {@link PROPAGATION_MODES}. */
export type PropagationMode = (typeof PROPAGATION_MODES)[number];

/** Where a propagation failure happened: writing context into a job (`inject`), or reading it back (`extract`). */
export const PROPAGATION_DIRECTIONS = ['inject', 'extract'] as const;

/** One of {@link PROPAGATION_DIRECTIONS}. */
export type PropagationDirection = (typeof PROPAGATION_DIRECTIONS)[number];

/** Why trace metadata could not be used or written; also the `reason` label of the failure counter. */
export const PROPAGATION_FAILURE_REASONS = [
  'not_a_string',
  'too_long',
  'not_json',
  'not_object',
  'missing_traceparent',
  'invalid_traceparent',
  'unsupported_version',
] as const;

/** One of {@link PROPAGATION_FAILURE_REASONS}. */
export type PropagationFailureReason = (typeof PROPAGATION_FAILURE_REASONS)[number];
