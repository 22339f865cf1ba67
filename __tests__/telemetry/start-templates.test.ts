import { SpanKind } from '@opentelemetry/api';
import type { Attributes } from '@opentelemetry/api';
import { Sanitizer } from '../../src/sanitize';
import type { SanitizeOptions } from '../../src/sanitize';
import { attributePolicy } from '../../src/telemetry/attribute-policy';
import type { AttributePolicy } from '../../src/telemetry/attribute-policy';
import { filterSpanRequest } from '../../src/telemetry/policy-span';
import { fixedStartAttributes, StartTemplates } from '../../src/telemetry/start-templates';
import type { ServerAddress } from '../../src/telemetry/server-address';

const SERVER = { address: '10.0.0.7', port: 6379 };

/** What the tracer core does for a span without a template: the long way through the policy, then learning from it. */
function startTheLongWay(templates: StartTemplates, policy: AttributePolicy, operation: string, queue: string, server?: ServerAddress): Attributes {
  const attributes = { ...fixedStartAttributes(operation, queue, server), 'bullmq.job.name': 'welcome' };
  const request = filterSpanRequest(policy, { operation, queue, kind: SpanKind.PRODUCER, attributes, startTime: 0 });
  templates.learn(operation, queue, server, request.name, request.attributes);
  return request.attributes;
}

function setUp(options?: SanitizeOptions | false): { templates: StartTemplates; policy: AttributePolicy; sanitizer: Sanitizer | undefined } {
  const sanitizer = options === false ? undefined : new Sanitizer(options);
  const policy = attributePolicy(sanitizer ?? false);
  return { templates: new StartTemplates(policy, fixedStartAttributes), policy, sanitizer };
}

describe('start templates: fixed start attributes, learnt from the first span of an operation on a queue and server', () => {
  test('a learnt template carries the name and the kept fixed values, the same as the long way', () => {
    const { templates, policy } = setUp({});
    expect(templates.find('process', 'emails', SERVER)).toBeUndefined();
    const longWay = startTheLongWay(templates, policy, 'process', 'emails', SERVER);
    const template = templates.find('process', 'emails', SERVER)!;
    expect(template.name).toBe('process emails');
    expect(template.raw).toEqual(fixedStartAttributes('process', 'emails', SERVER));
    const copy: Attributes = {};
    templates.copyInto(template, copy);
    expect({ ...copy, 'bullmq.job.name': 'welcome' }).toEqual({ ...longWay });
    expect(copy).toEqual({
      'messaging.system': 'bullmq',
      'messaging.operation.name': 'process',
      'messaging.destination.name': 'emails',
      'messaging.operation.type': 'process',
      'server.address': '10.0.0.7',
      'server.port': 6379,
    });
    // Another operation or another server (another connection) has a template of its own.
    expect(templates.find('add', 'emails', SERVER)).toBeUndefined();
    expect(templates.find('process', 'emails', { address: '10.0.0.8', port: 6379 })).toBeUndefined();
  });

  test('each copy counts its attributes as examined, as the long way does: the sanitizer\'s counters stay exact', () => {
    const { templates, policy, sanitizer } = setUp({});
    startTheLongWay(templates, policy, 'add', 'emails', SERVER);
    const longWay = sanitizer!.stats().attributes;
    const template = templates.find('add', 'emails', SERVER)!;
    templates.copyInto(template, {});
    templates.copyInto(template, {});
    expect(sanitizer!.stats().attributes).toBe(longWay + 2 * template.keys.length);
  });

  test('a queue whose name the policy changes gets no template: its spans go through the policy every time', () => {
    const { templates, policy, sanitizer } = setUp({});
    const longWay = startTheLongWay(templates, policy, 'add', 'mail jane@example.com', SERVER);
    expect(longWay['messaging.destination.name']).toBe('mail [REDACTED:email]');
    expect(templates.find('add', 'mail jane@example.com', SERVER)).toBeUndefined();
    startTheLongWay(templates, policy, 'process', 'mail jane@example.com', SERVER);
    expect(templates.find('process', 'mail jane@example.com', SERVER)).toBeUndefined();
    // Learning filtered nothing itself: one redaction per span.
    expect(sanitizer!.stats().redacted['email']).toBe(2);
    startTheLongWay(templates, policy, 'add', 'emails', SERVER);
    expect(templates.find('add', 'emails', SERVER)).toBeDefined();
  });

  test('a value the policy drops (a blocked key) means no template', () => {
    const { templates, policy } = setUp({ extraBlockedAttributes: ['server.address'] });
    startTheLongWay(templates, policy, 'add', 'emails', SERVER);
    expect(templates.find('add', 'emails', SERVER)).toBeUndefined();
  });

  test('with per-key redactors (user code) nothing is reused: each span calls them', () => {
    let calls = 0;
    const { templates, policy } = setUp({ redactors: { 'messaging.destination.name': (value) => (calls++, value) } });
    expect(policy.reusesValues).toBe(false);
    startTheLongWay(templates, policy, 'add', 'emails', SERVER);
    startTheLongWay(templates, policy, 'add', 'emails', SERVER);
    expect(templates.find('add', 'emails', SERVER)).toBeUndefined();
    expect(calls).toBe(2);
  });

  test('without a policy (sanitize: false) values are reused as they are', () => {
    const { templates, policy } = setUp(false);
    startTheLongWay(templates, policy, 'add', 'mail jane@example.com');
    const template = templates.find('add', 'mail jane@example.com', undefined)!;
    expect(template.name).toBe('add mail jane@example.com');
    expect(template.keys).toEqual(['messaging.system', 'messaging.operation.name', 'messaging.destination.name', 'messaging.operation.type']);
  });

  test('templates are kept for at most 1000 queues; spans of later queues take the long way', () => {
    const { templates, policy } = setUp(false);
    for (let i = 0; i < 1000; i++) startTheLongWay(templates, policy, 'add', `q${i}`);
    expect(templates.find('add', 'q999', undefined)).toBeDefined();
    startTheLongWay(templates, policy, 'add', 'one-more');
    expect(templates.find('add', 'one-more', undefined)).toBeUndefined();
    startTheLongWay(templates, policy, 'process', 'q7');
    expect(templates.find('process', 'q7', undefined)).toBeDefined();
  });
});
