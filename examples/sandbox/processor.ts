/**
 * The sandboxed processor of examples/sandbox/main.ts. BullMQ runs this file in a child process of its own, so it
 * sets up its own SDK (`setupTracing`, as the README's "Sandboxed processors" shows) and runs the handler inside the
 * job's context with `runInJobContext`: the handler's span becomes a child of the worker's `process` span, in the
 * producer's trace. BullMQ forks the child with the parent's Node flags, so the `--conditions=source --import tsx`
 * of `npm run example:sandbox` load this TypeScript file too; built JavaScript needs no loader.
 */
import { context, trace } from '@opentelemetry/api';
import type { ExportResult } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';
import type { SandboxedJob } from 'bullmq';
import { runInJobContext } from 'queue-otel';
import { setupTracing } from 'queue-otel/setup';

/**
 * Stands in for an OTLP backend, so the example needs none: one line per span on stdout, which BullMQ pipes to the
 * worker's. An application leaves the `exporter` option out and sends OTLP (docs/setup.md).
 */
const printer: SpanExporter = {
  export(spans: ReadableSpan[], done: (result: ExportResult) => void): void {
    for (const span of spans) {
      const ids = `trace=${span.spanContext().traceId} span=${span.spanContext().spanId} parent=${span.parentSpanContext?.spanId ?? 'none'}`;
      console.log(`[sandbox pid ${process.pid}] ${span.name}  ${ids}`);
    }
    done({ code: 0 });
  },
  shutdown: async () => undefined,
};

const tracing = setupTracing({ serviceName: 'mailer-sandbox', exporter: printer });

/** What the handler reports back to the worker: where its own span sits. */
export interface SandboxReport {
  pid: number;
  traceId: string;
  parentSpanId: string | undefined;
}

module.exports = (job: SandboxedJob): Promise<SandboxReport> =>
  runInJobContext(job, () => {
    // The context runInJobContext made active: the worker's process span, from the job BullMQ handed over.
    const parentSpanId = trace.getSpanContext(context.active())?.spanId;
    return trace.getTracer('mailer-sandbox').startActiveSpan('render and send e-mail', async (span) => {
      span.setAttribute('app.recipient.count', 1);
      span.end();
      // BullMQ stops the child without asking it to flush, so send this job's spans now.
      await tracing.forceFlush();
      return { pid: process.pid, traceId: span.spanContext().traceId, parentSpanId };
    });
  });
