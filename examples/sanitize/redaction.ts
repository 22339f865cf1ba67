/**
 * What the attribute policy lets out of the process (docs/security.md): one Sanitizer with an extra allowlist entry
 * (`app.*`), an extra blocklist entry (`app.internal.*`), PII detectors (all on by default) and a 60-character value
 * limit, used by QueueOtel for its spans and by a SanitizingSpanProcessor for the application's own. A job named
 * after an e-mail address, with that address in its id, failing once with an error quoting it: the example prints
 * every exported span's name, attributes and exception messages, then checks that the address appears nowhere.
 * Run it with `npm run example:sanitize` (an embedded Redis), or point it at a Redis of your own with REDIS_URL.
 */
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { context, trace } from '@opentelemetry/api';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { Queue, Worker } from 'bullmq';
import { QueueOtel, Sanitizer, SanitizingSpanProcessor } from 'queue-otel';
import { startEmbeddedRedis } from 'queue-otel-cli/dev';

const EMAIL = 'jane.doe@example.com';
/** The attributes printed whatever their value; the rest only when the policy changed them. */
const SHOWN = /^(app\.|bullmq\.job\.(name|id)$|messaging\.message\.id$)/;

async function main(): Promise<void> {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  const sanitizer = new Sanitizer({ extraAllowedAttributes: ['app.*'], extraBlockedAttributes: ['app.internal.*'], maxValueLength: 60 });
  const exporter = new InMemorySpanExporter();
  // The processor covers the application's spans; QueueOtel sanitizes its own where it records them.
  const provider = new BasicTracerProvider({ spanProcessors: [new SanitizingSpanProcessor(new SimpleSpanProcessor(exporter), sanitizer)] });
  const tracer = provider.getTracer('example');
  const telemetry = new QueueOtel({ tracerProvider: provider, sanitize: sanitizer, queueWaitSpan: false });
  const external = process.env.REDIS_URL;
  const embedded = external ? undefined : await startEmbeddedRedis();
  const url = new URL(external ?? `redis://${embedded!.host}:${embedded!.port}`);
  const connection = { host: url.hostname, port: Number(url.port || 6379), maxRetriesPerRequest: null };
  const name = `invites-${process.pid}`;

  const queue = new Queue(name, { connection, telemetry });
  const worker = new Worker(name, async (job) => {
    if (job.attemptsMade === 0) throw new Error(`mailbox of ${EMAIL} is full`);
    return tracer.startActiveSpan('send invite', (span) => {
      span.setAttributes({ 'app.invitee': EMAIL, 'app.internal.smtp_session': 'abc123', 'customer.tier': 'gold' });
      span.end();
      return 'sent';
    });
  }, { connection, telemetry });
  const finished = new Promise<void>((resolve) => worker.on('completed', () => resolve()));

  const request = tracer.startSpan('POST /invite', { attributes: { 'app.note': `Invite ${EMAIL} to the team workspace, and tell them about the onboarding call on Monday` } });
  await context.with(trace.setSpan(context.active(), request), () =>
    queue.add(`invite ${EMAIL}`, { to: EMAIL }, { jobId: `invite-${EMAIL}`, attempts: 2 }));
  request.end();
  await finished;

  await worker.close();
  await queue.obliterate({ force: true });
  await queue.close();
  await embedded?.stop();

  const spans = exporter.getFinishedSpans();
  for (const span of spans) {
    console.log(`${span.name}  (${span.droppedAttributesCount} attributes dropped)`);
    const shown = Object.entries(span.attributes).filter(([key, value]) => SHOWN.test(key) || /\[(REDACTED|TRUNCATED)/.test(String(value)));
    for (const [key, value] of shown.sort()) console.log(`    ${key} = ${JSON.stringify(value)}`);
    console.log(`    (${Object.keys(span.attributes).length - shown.length} other attributes kept as they were)`);
    for (const event of span.events.filter((e) => e.name === 'exception')) console.log(`    exception.message = ${JSON.stringify(event.attributes?.['exception.message'])}`);
  }
  const leaked = JSON.stringify(spans.map((s) => [s.name, s.attributes, s.events, s.status])).includes(EMAIL);
  console.log(`\n${EMAIL} in the exported spans: ${leaked ? 'YES' : 'nowhere'}`);
  const stats = sanitizer.stats();
  // The job id `invite-jane.doe@example.com` is an address as a whole (RFC 5322 allows `-` and `.` in its local part).
  console.log(`redacted: ${JSON.stringify(stats.redacted)}, dropped: ${stats.droppedNotAllowed} not allowed, ${stats.droppedBlocked} blocked, truncated: ${stats.truncated}`);
  await provider.shutdown();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
