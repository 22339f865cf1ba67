/** `queue-otel trace <traceId>`: one trace as a text waterfall or JSON. */
import { renderWaterfallText } from 'queue-otel/traces';
import { INT_FLAG_RANGES, intFlag } from '../numeric-flags';
import { printJson, printText } from '../output';
import { UsageError } from '../settings';
import type { FlagValues } from '../settings';
import { createTraceSources } from '../trace-source-factory';
import { openContext } from './context';
import { traceIdArgument } from './trace-id-argument';

/** Runs the command; resolves to the exit code (1 when the trace is unknown). */
export async function traceCommand(positionals: readonly string[], flags: FlagValues): Promise<number> {
  const raw = positionals[0];
  if (!raw) throw new UsageError('trace needs a trace id: queue-otel trace <traceId>');
  const traceId = traceIdArgument(raw, 'trace');
  // The terminal's own width is kept within the same range as a given one.
  const { min, max } = INT_FLAG_RANGES.width;
  const width = intFlag(flags, 'width', Math.min(max, Math.max(min, process.stdout.columns || 100)));
  const context = await openContext(flags);
  try {
    const { source } = createTraceSources(context.client, context.settings);
    const spans = await source.getTrace(traceId);
    if (spans.length === 0) {
      printText(`trace ${traceId} not found in ${source.name}\n`, process.stderr);
      return 1;
    }
    if (flags.json) {
      printJson({ traceId, source: source.name, spans });
    } else {
      printText(`trace ${traceId} (${source.name})\n${renderWaterfallText(spans, { width })}\n`);
    }
    return 0;
  } finally {
    await context.close();
  }
}
