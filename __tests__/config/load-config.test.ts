import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig, parseConfig } from '../../src/config';

const dir = mkdtempSync(join(tmpdir(), 'qo-config-'));

function issuesOf(raw: unknown): string[] {
  try {
    parseConfig(raw, 'test.yml');
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).issues.map((i) => `${i.key}: ${i.message}`);
  }
  throw new Error('expected a ConfigError');
}

test('the example file loads into setupTracing and QueueOtel options', () => {
  const config = loadConfig(join(__dirname, '..', '..', 'examples', 'config', 'queue-otel.yml'));
  expect(config.tracing).toMatchObject({
    serviceName: 'mailer',
    endpoint: 'http://otel-collector:4318',
    headers: { authorization: 'Bearer replace-me' },
    resourceAttributes: { 'deployment.environment': 'production' },
    limits: { spansPerTrace: 1000, attributeValueLength: 1000, eventsPerSpan: 128 },
  });
  expect(config.tracing.sampling.rates()).toEqual({ default: 0.1, queues: { payments: 1 }, jobs: { 'emails:digest': 0.01 } });
  expect(config.telemetry).toMatchObject({ enabled: true, propagation: { '*': 'child', 'nightly-reports': 'link' }, internalSpans: false, tenantPath: 'account.id', metadataFormat: 'json', unsampledJobs: 'propagate', markProcessedJobs: false, messageBodySize: false, createSpans: false });
  expect(config.metrics).toMatchObject({ maxJobNames: 100 });
  expect(config.metrics?.sampler).toBe(config.tracing.sampling);
  expect(config.telemetry.sanitize).toMatchObject({ redactPayloads: true, maxValueLength: 1000 });
});

test('JSON works as well as YAML', () => {
  const file = join(dir, 'c.json');
  writeFileSync(file, JSON.stringify({ service_name: 'api', sampling: { queues: { q: 0.5 } } }));
  expect(loadConfig(file).tracing.sampling.rateFor({ 'messaging.destination.name': 'q' })).toBe(0.5);
});

test('every bad key is named with the reason', () => {
  const issues = issuesOf({
    enabeld: true,
    endpoint: 'collector:4318',
    sampling: { default: 2, queues: { emails: 'half' }, jobs: { digest: 0.1 } },
    propagation: { reports: 'sideways' },
    limits: { spans_per_trace: -1 },
    headers: { auth: { nested: true } },
    metadata_format: 'tiny',
    unsampled_jobs: 'drop',
  });
  expect(issues).toEqual(
    expect.arrayContaining([
      'enabeld: unknown key; did you mean "enabled"?',
      'endpoint: expected an http(s) URL, got "collector:4318"',
      'sampling.default: expected a rate from 0 to 1, got number 2',
      'sampling.queues.emails: expected a rate from 0 to 1, got "half"',
      'sampling.jobs.digest: expected a key of the form "queue:jobName"',
      'propagation.reports: expected one of child, link, none, got "sideways"',
      'limits.spans_per_trace: expected a positive integer, got number -1',
      'headers.auth: expected a string, got a mapping',
      'metadata_format: expected json or compact, got "tiny"',
      'unsampled_jobs: expected propagate or lean, got "drop"',
    ]),
  );
});

test('security settings are validated by the sanitizer\'s parser, every bad key named beside the others', () => {
  expect(issuesOf({ security: { max_attribute_length: 'long' } })).toEqual(['security.max_attribute_length: expected a positive integer, got "long"']);
  expect(issuesOf({ service_name: 7, security: { max_attribute_length: 0, detectors: { fax: true }, allow_all: 'yes', tls: true } })).toEqual([
    'security.max_attribute_length: expected a positive integer, got 0',
    expect.stringMatching(/^security\.detectors\.fax: unknown detector \(known: /),
    'security.allow_all: expected true or false, got "yes"',
    expect.stringMatching(/^security\.tls: unknown key \(expected one of redact_payloads, /),
    'service_name: expected a non-empty string, got number 7',
  ]);
  expect(issuesOf({ security: 'strict' })).toEqual(['security: expected a mapping, got "strict"']);
});

test('unreadable and unparsable files give a clear error', () => {
  expect(() => loadConfig(join(dir, 'missing.yml'))).toThrow(/missing\.yml:\n {2}- \(file\): cannot read/);
  const bad = join(dir, 'bad.yml');
  writeFileSync(bad, 'sampling: [unclosed');
  expect(() => loadConfig(bad)).toThrow(/\(syntax\)/);
});

test('a syntax error names its line and column and quotes the line, with nothing dangling after it', () => {
  const bad = join(dir, 'unclosed.yml');
  writeFileSync(bad, 'sampling:\n  default: 1\n  queues: [orders\n');
  let message = '';
  try {
    loadConfig(bad);
  } catch (error) {
    message = (error as Error).message;
  }
  const issue = message.split('\n')[1] ?? '';
  expect(issue).toMatch(/^ {2}- \(syntax\): .+ \(line \d+, column \d+; last line before it, line 3: " {2}queues: \[orders"\)$/);
  expect(issue).not.toMatch(/:$/);

  const misplaced = join(dir, 'misplaced.yml');
  writeFileSync(misplaced, 'sampling:\n  queues: {orders: 1\n  jobs: [1]\n');
  expect(() => loadConfig(misplaced)).toThrow(/\(line 3, column 3: " {2}jobs: \[1\]"\)$/);
});

test('a key given twice in one mapping is named by its line, in YAML and in JSON; the same key in two mappings is not', () => {
  const yaml = join(dir, 'twice.yml');
  writeFileSync(yaml, 'service_name: a\nsampling:\n  queues:\n    orders: 1\n    emails: 0.5\n    orders: 0\n');
  expect(() => loadConfig(yaml)).toThrow(/\(syntax\): Map keys must be unique \(line 6, column 5: " {4}orders: 0"\)$/);
  const json = join(dir, 'twice.json');
  writeFileSync(json, '{"sampling": {"default": 1,\n "default": 0}}');
  expect(() => loadConfig(json)).toThrow(/Map keys must be unique \(line 2, column 2: " \\"default\\": 0}}"\)$/);
  const apart = join(dir, 'apart.yml');
  writeFileSync(apart, 'sampling:\n  queues:\n    orders: 1\n    "1": 0.5\n    1: 0.2\npropagation:\n  orders: link\n');
  expect(loadConfig(apart).tracing.sampling.rates().queues).toEqual({ orders: 1, 1: 0.2 });
});

test('a mapping of many keys loads in one pass, and a file too large to be a configuration is refused unread', () => {
  const many = join(dir, 'many.yml');
  const queues = Array.from({ length: 40_000 }, (_, i) => `    q${i}: 0.5`).join('\n');
  writeFileSync(many, `sampling:\n  queues:\n${queues}\n`);
  expect(Object.keys(loadConfig(many).tracing.sampling.rates().queues ?? {})).toHaveLength(40_000);
  const huge = join(dir, 'huge.yml');
  writeFileSync(huge, `# ${'x'.repeat(1024 * 1024)}\nservice_name: a\n`);
  expect(() => loadConfig(huge)).toThrow(/huge\.yml:\n {2}- \(file\): is 1048595 bytes; a queue-otel configuration is a few kilobytes, and files over 1048576 bytes are not read$/);
});
