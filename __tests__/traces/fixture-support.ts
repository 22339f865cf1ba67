/** Shared helpers for the trace-source tests: fixture loading and the facts every fixture encodes. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TraceSpan } from '../../src/traces/span-model';

/** Directory of the recorded backend responses. */
export const FIXTURE_DIR = join(__dirname, '..', 'fixtures', 'traces');

/** Reads a fixture as text (the HTTP tests serve it byte for byte). */
export function fixtureText(name: string): string {
  return readFileSync(join(FIXTURE_DIR, name), 'utf8');
}

/** Reads and parses a JSON fixture. */
export function fixture(name: string): unknown {
  return JSON.parse(fixtureText(name)) as unknown;
}

export const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
export const PRODUCER_ID = '00f067aa0ba902b7';
export const CONSUMER_ID = 'b9c7c989f97918e1';
export const HTTP_ID = 'e457b5a2e4d86bd1';
const T0 = 1_700_000_000_000_000;

function byId(spans: TraceSpan[], spanId: string): TraceSpan {
  const span = spans.find((candidate) => candidate.spanId === spanId);
  if (!span) throw new Error(`span ${spanId} missing`);
  return span;
}

/** Asserts the producer → consumer (error) → HTTP client trace every fixture records; returns the spans by role. */
export function expectEmailTrace(spans: TraceSpan[], traceId = TRACE_ID): Record<'producer' | 'consumer' | 'http', TraceSpan> {
  expect(spans).toHaveLength(3);
  const producer = byId(spans, PRODUCER_ID);
  const consumer = byId(spans, CONSUMER_ID);
  const http = byId(spans, HTTP_ID);
  for (const span of spans) expect(span.traceId).toBe(traceId);
  expect(producer).toMatchObject({ kind: 'producer', startUs: T0, endUs: T0 + 2_000, serviceName: 'checkout-api', status: 'unset' });
  expect(producer.parentSpanId).toBeUndefined();
  expect(consumer).toMatchObject({
    parentSpanId: PRODUCER_ID,
    kind: 'consumer',
    startUs: T0 + 5_000,
    endUs: T0 + 45_000,
    serviceName: 'email-worker',
    status: 'error',
    statusMessage: 'SMTP timeout',
  });
  expect(consumer.events).toHaveLength(1);
  expect(consumer.events[0]).toMatchObject({ name: 'exception', timeUs: T0 + 40_000 });
  expect(http).toMatchObject({ parentSpanId: CONSUMER_ID, kind: 'client', startUs: T0 + 10_000, endUs: T0 + 38_000 });
  return { producer, consumer, http };
}
