import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig, parseConfig } from '../../src/config';
import type { ConfigIssue } from '../../src/config';

const dir = mkdtempSync(join(tmpdir(), 'qo-config-positions-'));

/** The ConfigError loading `text` as the file `name` throws. */
function errorOf(name: string, text: string): ConfigError {
  const file = join(dir, name);
  writeFileSync(file, text);
  try {
    loadConfig(file);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

const where = (issues: ConfigIssue[]) => issues.map(({ key, line, column }) => ({ key, line, column }));

test('in YAML every bad key, unknown or with a bad value, is named with its line and column, nested ones and list items included', () => {
  const error = errorOf(
    'bad.yml',
    [
      'service_name: mailer', //                             1
      'enabeld: true', //                                    2
      'sampling:', //                                        3
      '  default: 2', //                                     4
      '  queues:', //                                        5
      '    emails: half', //                                 6
      'resource_attributes:', //                             7
      '  deployment.environment: {nested: true}', //         8
      'security:', //                                        9
      '  allowed_attributes: [user.id, "  "]', //            10
      '  detectors:', //                                     11
      '    fax: true', //                                    12
      'limits: {spans_per_trace: 0}', //                     13
      '',
    ].join('\n'),
  );
  expect(where(error.issues)).toEqual(
    expect.arrayContaining([
      { key: 'enabeld', line: 2, column: 1 },
      { key: 'sampling.default', line: 4, column: 3 },
      { key: 'sampling.queues.emails', line: 6, column: 5 },
      { key: 'resource_attributes.deployment.environment', line: 8, column: 3 },
      { key: 'security.allowed_attributes[1]', line: 10, column: 33 },
      { key: 'security.detectors.fax', line: 12, column: 5 },
      { key: 'limits.spans_per_trace', line: 13, column: 10 },
    ]),
  );
  expect(error.issues).toHaveLength(7);
  // The message lists every issue, each with where it is.
  expect(error.message).toContain('  - enabeld (line 2, column 1): unknown key; did you mean "enabled"?');
  expect(error.message).toContain('  - sampling.queues.emails (line 6, column 5): expected a rate from 0 to 1, got "half"');
});

test('in JSON as well', () => {
  const error = errorOf('bad.json', '{\n  "service_name": "api",\n  "sampling": {\n    "queues": {"q": 0.5, "r": 7},\n    "jobz": {}\n  },\n  "endpoint": "collector:4318"\n}\n');
  expect(where(error.issues)).toEqual([
    { key: 'sampling.jobz', line: 5, column: 5 },
    { key: 'sampling.queues.r', line: 4, column: 26 },
    { key: 'endpoint', line: 7, column: 3 },
  ]);
  expect(error.message).toContain('  - endpoint (line 7, column 3): expected an http(s) URL, got "collector:4318"');
});

test('an issue with no key in the file (the whole file is not a mapping) has no position; parseConfig, given data, gives none', () => {
  expect(where(errorOf('list.yml', '- a\n- b\n').issues)).toEqual([{ key: '(root)', line: undefined, column: undefined }]);
  try {
    parseConfig({ enabeld: true });
    throw new Error('expected a ConfigError');
  } catch (error) {
    expect((error as ConfigError).issues).toEqual([{ key: 'enabeld', message: 'unknown key; did you mean "enabled"?' }]);
  }
});

test('many bad keys in one mapping are each located (through an index of the mapping, not a scan per key)', () => {
  const queues = Array.from({ length: 20_000 }, (_, i) => `    q${i}: 2`).join('\n');
  const error = errorOf('many.yml', `sampling:\n  queues:\n${queues}\n`);
  expect(error.issues).toHaveLength(20_000);
  expect(error.issues[19_999]).toMatchObject({ key: 'sampling.queues.q19999', line: 20_002, column: 5 });
});
