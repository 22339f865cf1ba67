import { SpanKind } from '@opentelemetry/api';
import type { Attributes } from '@opentelemetry/api';
import { Sanitizer } from '../../src/sanitize';
import type { SanitizeOptions } from '../../src/sanitize';
import { attributePolicy } from '../../src/telemetry/attribute-policy';
import type { AttributePolicy } from '../../src/telemetry/attribute-policy';
import { filterSpanRequest } from '../../src/telemetry/policy-span';
import { fixedStartAttributes, MAX_TEMPLATES_PER_QUEUE, StartTemplates } from '../../src/telemetry/start-templates';
import type { StartedRequest } from '../../src/telemetry/start-templates';
import { MAX_SHARED_SERVER_ADDRESSES, serverAddressOf, sharedServerAddressCount } from '../../src/telemetry/server-address';
import type { ServerAddress } from '../../src/telemetry/server-address';

const SERVER = { address: '10.0.0.7', port: 6379 };
const OWN: Attributes = { 'bullmq.job.name': 'welcome', 'bullmq.job.attempt': 1 };
const SHAPE = { kind: SpanKind.PRODUCER, startTime: 0 };

function setUp(options?: SanitizeOptions | false): { templates: StartTemplates; policy: AttributePolicy; sanitizer: Sanitizer | undefined } {
  const sanitizer = options === false ? undefined : new Sanitizer(options);
  const policy = attributePolicy(sanitizer ?? false);
  return { templates: new StartTemplates(policy, fixedStartAttributes), policy, sanitizer };
}

function start(templates: StartTemplates, operation: string, queue: string, server?: ServerAddress): StartedRequest {
  return templates.request(operation, queue, server, { ...OWN }, SHAPE.kind, SHAPE.startTime);
}

/** What the whole start would be the long way through `policy`, without any template. */
function longWay(policy: AttributePolicy, operation: string, queue: string, server?: ServerAddress): { name: string; attributes: Attributes } {
  return filterSpanRequest(policy, { operation, queue, attributes: { ...fixedStartAttributes(operation, queue, server), ...OWN }, ...SHAPE });
}

describe('start templates: fixed start attributes, learnt from the first span of an operation on a queue and connection', () => {
  test('the first span takes the long way and teaches the template; later spans get the same name and attributes from it', () => {
    const { templates, policy } = setUp({});
    expect(templates.find('process', 'emails', SERVER)).toBeUndefined();
    const first = start(templates, 'process', 'emails', SERVER);
    const template = templates.find('process', 'emails', SERVER)!;
    expect(template.name).toBe('process emails');
    expect(template.raw).toEqual(fixedStartAttributes('process', 'emails', SERVER));
    const second = start(templates, 'process', 'emails', SERVER);
    const expected = longWay(attributePolicy(false), 'process', 'emails', SERVER);
    for (const request of [first, second]) {
      expect(request.name).toBe(expected.name);
      expect({ ...request.attributes }).toEqual(expected.attributes);
      expect(request.fixed).toEqual(template.raw);
    }
    expect({ ...second.attributes }).toEqual({ ...longWay(policy, 'process', 'emails', SERVER).attributes });
    // Another operation or another server (another connection) has a template of its own.
    expect(templates.find('add', 'emails', SERVER)).toBeUndefined();
    expect(templates.find('process', 'emails', { address: '10.0.0.8', port: 6379 })).toBeUndefined();
  });

  test('each span counts every start attribute as examined once, template or not: the sanitizer\'s counters stay exact', () => {
    const { templates, sanitizer } = setUp({});
    const first = start(templates, 'add', 'emails', SERVER);
    const perSpan = Object.keys(first.attributes).length;
    expect(sanitizer!.stats().attributes).toBe(perSpan);
    start(templates, 'add', 'emails', SERVER);
    start(templates, 'add', 'emails', SERVER);
    expect(sanitizer!.stats().attributes).toBe(3 * perSpan);
  });

  test('a queue whose name the policy changes gets no template: its spans go through the policy every time', () => {
    const { templates, sanitizer } = setUp({});
    const first = start(templates, 'add', 'mail jane@example.com', SERVER);
    expect(first.name).toBe('add mail [REDACTED:email]');
    expect(first.attributes['messaging.destination.name']).toBe('mail [REDACTED:email]');
    expect(templates.find('add', 'mail jane@example.com', SERVER)).toBeUndefined();
    start(templates, 'process', 'mail jane@example.com', SERVER);
    expect(templates.find('process', 'mail jane@example.com', SERVER)).toBeUndefined();
    // Learning filtered nothing itself: one redaction per span (the name shows the filtered destination).
    expect(sanitizer!.stats().redacted['email']).toBe(2);
    start(templates, 'add', 'emails', SERVER);
    expect(templates.find('add', 'emails', SERVER)).toBeDefined();
  });

  test('a value the policy drops (a blocked key) means no template', () => {
    const { templates } = setUp({ extraBlockedAttributes: ['server.address'] });
    expect(start(templates, 'add', 'emails', SERVER).attributes['server.address']).toBeUndefined();
    expect(templates.find('add', 'emails', SERVER)).toBeUndefined();
  });

  test('with per-key redactors (user code) nothing is reused: each span calls them', () => {
    let calls = 0;
    const { templates, policy } = setUp({ redactors: { 'messaging.destination.name': (value) => (calls++, value) } });
    expect(policy.reusesValues).toBe(false);
    start(templates, 'add', 'emails', SERVER);
    start(templates, 'add', 'emails', SERVER);
    expect(templates.find('add', 'emails', SERVER)).toBeUndefined();
    expect(calls).toBe(2);
  });

  test('without a policy (sanitize: false) values are reused as they are', () => {
    const { templates } = setUp(false);
    start(templates, 'add', 'mail jane@example.com');
    const template = templates.find('add', 'mail jane@example.com', undefined)!;
    expect(template.name).toBe('add mail jane@example.com');
    expect(template.keys).toEqual(['messaging.system', 'messaging.operation.name', 'messaging.destination.name', 'messaging.operation.type']);
  });

  test('a span without a destination is named by its operation alone and learns nothing', () => {
    const { templates } = setUp({});
    const request = start(templates, 'addBulkFlows', '');
    expect(request.name).toBe('addBulkFlows');
    expect(request.attributes['messaging.destination.name']).toBeUndefined();
    expect(templates.find('addBulkFlows', '', undefined)).toBeUndefined();
  });

  test('templates are kept for at most 1000 queues; spans of later queues take the long way', () => {
    const { templates } = setUp(false);
    for (let i = 0; i < 1000; i++) start(templates, 'add', `q${i}`);
    expect(templates.find('add', 'q999', undefined)).toBeDefined();
    start(templates, 'add', 'one-more');
    expect(templates.find('add', 'one-more', undefined)).toBeUndefined();
    start(templates, 'process', 'q7');
    expect(templates.find('process', 'q7', undefined)).toBeDefined();
  });

  test('one queue keeps at most MAX_TEMPLATES_PER_QUEUE templates: spans of further servers take the long way', () => {
    const { templates } = setUp(false);
    // A distinct address object per span, as instances of servers beyond the shared ones get.
    for (let i = 0; i < 3 * MAX_TEMPLATES_PER_QUEUE; i++) start(templates, 'add', 'emails', { address: `10.0.${i >> 8}.${i & 255}`, port: 6379 });
    expect(templates.size).toBe(MAX_TEMPLATES_PER_QUEUE);
    const late = { address: '10.9.9.9', port: 6379 };
    const request = start(templates, 'add', 'emails', late);
    expect(templates.find('add', 'emails', late)).toBeUndefined();
    expect(request.attributes['server.address']).toBe('10.9.9.9');
  });
});

describe('server addresses: instances of one server share one address object, which the templates are found by', () => {
  test('Queues and Workers opened on the same server get the same object, so they share templates', () => {
    const a = serverAddressOf({ opts: { connection: { host: 'redis.internal', port: 6380 } } });
    const b = serverAddressOf({ opts: { connection: { host: 'redis.internal', port: 6380, db: 2 } } });
    const other = serverAddressOf({ opts: { connection: { host: 'redis.internal', port: 6381 } } });
    expect(a).toEqual({ address: 'redis.internal', port: 6380 });
    expect(b).toBe(a);
    expect(other).not.toBe(a);
    const socket = serverAddressOf({ opts: { connection: { path: '/run/redis.sock' } } });
    expect(serverAddressOf({ opts: { connection: { path: '/run/redis.sock' } } })).toBe(socket);
  });

  test(`at most ${MAX_SHARED_SERVER_ADDRESSES} servers are shared; later ones get an object per instance`, () => {
    for (let i = 0; i < MAX_SHARED_SERVER_ADDRESSES + 10; i++) serverAddressOf({ opts: { connection: { host: `h${i}.shared-test`, port: 6379 } } });
    expect(sharedServerAddressCount()).toBe(MAX_SHARED_SERVER_ADDRESSES);
    const late = { opts: { connection: { host: 'late.shared-test', port: 6379 } } };
    const first = serverAddressOf(late);
    expect(serverAddressOf({ opts: { connection: { host: 'late.shared-test', port: 6379 } } })).not.toBe(first);
    expect(first).toEqual({ address: 'late.shared-test', port: 6379 });
  });
});
