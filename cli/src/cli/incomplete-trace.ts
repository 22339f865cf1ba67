/** The one line the CLI and the UI show over a trace its backend returned only part of. */
import type { TraceRead } from 'queue-otel/traces';

/**
 * `incomplete trace: Tempo returned only part of it (<why>)` for a partial read, else undefined. The reasons are the
 * backend's, already terminal-safe and bounded by the source; a drawn trace that lacks spans would otherwise look
 * whole (Tempo cuts a trace at its size limit and still answers 200).
 */
export function incompleteTraceNote(sourceName: string, read: Pick<TraceRead, 'partial' | 'warnings'>): string | undefined {
  if (!read.partial) return undefined;
  const why = read.warnings.length > 0 ? ` (${read.warnings.join('; ')})` : '';
  return `incomplete trace: ${sourceName} returned only part of it${why}`;
}
