/** `queue-otel trace <traceId>`: one trace as a text waterfall or JSON. */
import type { SpanStore } from 'queue-otel/store';
import { renderWaterfallText, terminalSafe } from 'queue-otel/traces';
import type { TraceRead, TraceSource } from 'queue-otel/traces';
import { INT_FLAG_RANGES, intFlag } from '../numeric-flags';
import { printJson, printText } from '../output';
import { UsageError } from '../usage-error';
import type { FlagValues } from '../settings';
import { incompleteTraceNote } from '../incomplete-trace';
import { createTraceSources } from '../trace-source-factory';
import { openContext } from './context';
import { traceIdArgument } from './trace-id-argument';

/**
 * The trace from `source`. A backend that cannot be read (down, timing out, answering 5xx) is said in one line with
 * what to check, exit code 1, not an Error printed with its stack; undefined then. The span store's errors are the
 * Redis connection's, which the CLI already reports.
 */
async function readFrom(source: TraceSource, store: SpanStore, traceId: string): Promise<TraceRead | undefined> {
  if (source === store) return source.readTrace(traceId);
  try {
    return await source.readTrace(traceId);
  } catch (error) {
    const message = terminalSafe(error instanceof Error ? error.message : String(error));
    printText(`queue-otel: cannot read trace ${traceId} from ${source.name}: ${message}\nCheck that ${source.name} answers at --trace-url (or QUEUE_OTEL_TRACE_URL).\n`, process.stderr);
    return undefined;
  }
}

/** Runs the command; resolves to the exit code (1 when the trace is unknown or its backend cannot be read). */
export async function traceCommand(positionals: readonly string[], flags: FlagValues): Promise<number> {
  const raw = positionals[0];
  if (!raw) throw new UsageError('trace needs a trace id: queue-otel trace <traceId>');
  const traceId = traceIdArgument(raw, 'trace');
  // The terminal's own width is kept within the same range as a given one.
  const { min, max } = INT_FLAG_RANGES.width;
  const width = intFlag(flags, 'width', Math.min(max, Math.max(min, process.stdout.columns || 100)));
  const context = await openContext(flags);
  try {
    const { store, source } = createTraceSources(context.client, context.settings);
    const before = store.stats();
    const read = await readFrom(source, store, traceId);
    if (read === undefined) return 1;
    const { spans } = read;
    const incomplete = incompleteTraceNote(source.name, read);
    // The store skips data it did not write (another type of key, malformed spans): say so, rather than "not found".
    // Malformed spans of a readable trace need no line of their own: the store's read is partial, and says why.
    const after = store.stats();
    const skippedTrace = after.skippedTraces > before.skippedTraces;
    const skippedSpans = after.skippedSpans - before.skippedSpans;
    if (spans.length === 0) {
      const why = skippedTrace
        ? `its key in ${source.name} holds data of another type than the span store writes`
        : skippedSpans > 0 ? `all ${skippedSpans} stored spans are malformed` : undefined;
      // An unreadable trace's reason is the store's warning already: the incomplete line would only repeat it.
      if (why) printText(`trace ${traceId} is unreadable: ${why}\n`, process.stderr);
      else printText(`trace ${traceId} not found in ${source.name}\n${incomplete ? `${incomplete}\n` : ''}`, process.stderr);
      return 1;
    }
    if (flags.json) {
      printJson({ traceId, source: source.name, partial: read.partial, warnings: read.warnings, spans });
    } else {
      // Under the title, where it is read before the waterfall that it qualifies.
      printText(`trace ${traceId} (${source.name})\n${incomplete ? `${incomplete}\n` : ''}${renderWaterfallText(spans, { width })}\n`);
    }
    return 0;
  } finally {
    await context.close();
  }
}
