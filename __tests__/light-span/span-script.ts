import { diag, DiagLogLevel, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, TraceFlags } from '@opentelemetry/api';
import type { Attributes, Exception, HrTime, Span, SpanContext, Tracer } from '@opentelemetry/api';
import { TraceState } from '@opentelemetry/core';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import type { AttributePolicy } from '../../src/telemetry/attribute-policy';
import { startPolicySpan } from '../../src/telemetry/policy-span';
import { readableFields } from './paths';

/** Times of the script, fixed for both paths: one second of epoch milliseconds ago, and an HrTime. */
export const T0 = Math.floor(Date.now() / 1000) * 1000 - 60_000;
const HR: HrTime = [T0 / 1000 + 40, 123_456_789];
/** Events the script adds without a time: their time is the wall clock at the call, compared by order only. */
const UNTIMED_EVENTS = ['no time', 'late untimed', 'event for '];

function untimed(name: string): boolean {
  return UNTIMED_EVENTS.some((prefix) => name.startsWith(prefix));
}
const EMAIL = 'ann@example.com';
/** Made once: a stack trace names the line that made the error. */
const FAILURE = new TypeError(`no mailbox ${EMAIL}`);

/** A remote parent with a trace state, as an extracted context is. */
const REMOTE: SpanContext = {
  traceId: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
  spanId: 'bbbbbbbbbbbbbbbb',
  traceFlags: TraceFlags.SAMPLED,
  isRemote: true,
  traceState: new TraceState('vendor=1'),
};

/** Messages the diag logger received (the SDK's warnings are part of its behaviour). */
export function captureDiag(): { messages: string[]; stop: () => void } {
  const messages: string[] = [];
  const log = (level: string) => (message: string) => messages.push(`${level} ${message}`);
  diag.setLogger({ error: log('error'), warn: log('warn'), info: () => undefined, debug: log('debug'), verbose: () => undefined }, DiagLogLevel.DEBUG);
  return { messages, stop: () => diag.disable() };
}

/**
 * Starts spans through startPolicySpan and calls every Span method on them, valid and invalid inputs, before and
 * after `end`: the same script for both paths. Returns what startPolicySpan returned.
 */
export function runScript(tracer: Tracer, policy: AttributePolicy, extra: Attributes = {}): Span[] {
  const start = (operation: string, attributes: Attributes, startTime: number | Date | HrTime, parent = ROOT_CONTEXT, links?: Array<{ context: SpanContext; attributes?: Attributes }>) =>
    startPolicySpan(tracer, policy, { operation, queue: 'emails', kind: SpanKind.PRODUCER, attributes, startTime, ...(links ? { links } : {}) }, parent);
  const add = start('add', { 'messaging.system': 'bullmq', 'messaging.destination.name': 'emails', 'app.owner': EMAIL, bad: {} as never, mixed: [1, 'x'] as never, ...extra }, T0);
  add.setAttribute('bullmq.job.id', '1');
  const list = ['a', 'bcdefgh', 'i'];
  add.setAttributes({ n: 1, nul: null as never, undef: undefined, '': 'empty key', obj: { a: 1 } as never, list, contact: EMAIL, ...extra });
  // The span keeps a copy: changing the array afterwards changes nothing.
  list.push('changed later');
  add.addEvent('with attributes', { a: 1, contact: EMAIL, bad: {} as never, ...extra }, T0 + 1);
  add.addEvent('time only', T0 + 2);
  add.addEvent('date', new Date(T0 + 3));
  add.addEvent('hr', HR);
  add.addEvent('attributes and hr', { b: true }, HR);
  // The time as the third argument, without attributes; and two times, of which the SDK takes the second.
  add.addEvent('time third', undefined, T0 + 5);
  add.addEvent('two times', T0 + 6, T0 + 7);
  add.addEvent(`event for ${EMAIL}`, { c: 'x' });
  add.addLink({ context: REMOTE, attributes: { kind: 'one', contact: EMAIL, bad: {} as never, ...extra } });
  add.addLinks([{ context: REMOTE }, { context: REMOTE, attributes: {} }, { context: REMOTE, attributes: { two: 2, three: 'third value' } }]);
  add.recordException(FAILURE, T0 + 4);
  add.recordException('a text failure', T0 + 5);
  add.recordException({ code: 42, message: 'coded', name: 'Named' } as Exception, T0 + 6);
  add.recordException({} as Exception, T0 + 6);
  add.setStatus({ code: SpanStatusCode.UNSET, message: 'ignored' });
  add.setStatus({ code: SpanStatusCode.ERROR, message: `failed for ${EMAIL}` });
  // A message that is not text: the SDK drops it; the default policy's filter throws on it (on both paths).
  if (!policy.sanitizes) add.setStatus({ code: SpanStatusCode.ERROR, message: 42 as never });
  add.updateName(`add for ${EMAIL}`);
  add.end(T0 + 10);
  // Everything after the end is ignored (and warned about).
  add.setAttribute('late', 1);
  add.addEvent('late untimed');
  add.addLink({ context: REMOTE });
  add.recordException(new Error('late'));
  add.setStatus({ code: SpanStatusCode.OK });
  add.updateName('late');
  add.end(T0 + 20);

  // A child of a local parent: a Date start, links at start, OK status that stays, an HrTime end.
  const parent = trace.setSpan(ROOT_CONTEXT, add);
  // Start attributes with an array and a null: the span keeps a copy of the array, and no null.
  const tags = ['x', 'y'];
  const process = start('process', { 'messaging.operation.type': 'process', tags, gone: null as never, ...extra }, new Date(T0 + 11), parent, [{ context: add.spanContext(), attributes: { creation: true, contact: EMAIL } }, { context: REMOTE }]);
  tags.push('changed later');
  process.setStatus({ code: SpanStatusCode.OK, message: 'dropped: only ERROR has one' });
  process.setStatus({ code: SpanStatusCode.ERROR, message: 'too late' });
  process.addEvent('no time');
  process.end(HR);

  // A child of a remote parent with a trace state; it ends before it starts (duration 0, warned).
  const remote = start('settle', { 'messaging.operation.type': 'settle' }, T0 + 30, trace.setSpanContext(ROOT_CONTEXT, REMOTE));
  remote.end(T0 + 29);
  // Recorded, not sampled; and dropped (a non-recording span, which still took ids).
  const recorded = start('record', {}, T0 + 40);
  recorded.addEvent('recorded', T0 + 41);
  recorded.end(T0 + 42);
  const dropped = start('drop', { reason: 'sampler' }, T0 + 50);
  dropped.setAttribute('ignored', 1);
  dropped.end(T0 + 51);
  const next = start('add', { after: 'drop' }, T0 + 60);
  next.end(T0 + 61);
  return [add, process, remote, recorded, dropped, next];
}

/**
 * Every field of every exported span, an event without a given time reduced to the fact that it is an HrTime
 * within its span: the wall clock at the call cannot be equal on two runs.
 */
export function exportedFields(spans: ReadableSpan[]): Array<Record<string, unknown>> {
  return spans.map((span) => {
    const fields = readableFields(span);
    fields.events = span.events.map((event) => {
      if (!untimed(event.name)) return event;
      const [seconds, nanos] = event.time;
      expect(Number.isInteger(seconds) && Number.isInteger(nanos) && nanos >= 0 && nanos < 1e9).toBe(true);
      expect(seconds).toBeGreaterThanOrEqual(span.startTime[0]);
      return { ...event, time: 'untimed' };
    });
    return fields;
  });
}
