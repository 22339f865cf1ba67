export { decodeMetadata, encodeMetadata, validateTraceparent, MAX_METADATA_LENGTH } from './metadata-codec';
export type { DecodeResult, PropagationFailureReason, TraceCarrier } from './metadata-codec';
export { COMPACT_LENGTH, COMPACT_PREFIX, decodeCompactMetadata, encodeCompactMetadata, isCompactMetadata } from './compact-metadata';
export type { CompactDecodeResult, CompactSpanContext } from './compact-metadata';
export { PropagationFailureReporter } from './failure-reporter';
export type { PropagationDirection, PropagationFailureListener, WarningLogger } from './failure-reporter';
export { resolvePropagator } from './propagator';
export { jobContext, runInJobContext } from './job-context';
export type { JobWithMetadata } from './job-context';
