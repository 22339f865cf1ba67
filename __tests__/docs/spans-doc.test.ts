import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { QUEUE_OTEL_ATTRIBUTE_KEYS } from '../../src';

const doc = readFileSync(join(__dirname, '..', '..', 'docs', 'spans.md'), 'utf8');
const section = doc.slice(doc.indexOf('## Attributes'), doc.indexOf('## Events'));
const documented = [...section.matchAll(/^\| `([a-z._]+)` \|/gm)].map((m) => m[1]);

test('every attribute key the code writes is documented', () => {
  expect(QUEUE_OTEL_ATTRIBUTE_KEYS.filter((k) => !documented.includes(k))).toEqual([]);
});

test('the attribute table names no key the code does not have', () => {
  expect(documented.filter((k) => !QUEUE_OTEL_ATTRIBUTE_KEYS.includes(k!))).toEqual([]);
});
