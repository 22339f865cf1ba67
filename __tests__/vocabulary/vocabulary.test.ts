import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import {
  ATTEMPT_OUTCOMES,
  BullmqAttributes,
  BullmqNativeAttributes,
  BullmqNativeSafeAttributes,
  BullmqPayloadAttributes,
  FAILURE_CATEGORIES,
  isRecordedOutcome,
  MessagingAttributes,
  PROPAGATION_MODES,
  RECORDED_OUTCOMES,
  categorizeFailure,
} from '../../src';

const src = join(__dirname, '..', '..', 'src');
const vocabulary = join(src, 'vocabulary');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return path === vocabulary ? [] : sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

/** Lines of code outside the vocabulary that spell a `bullmq.*` or `messaging.*` key out. */
function spelledOutKeys(): string[] {
  const hits: string[] = [];
  for (const file of sourceFiles(src)) {
    readFileSync(file, 'utf8').split('\n').forEach((line, index) => {
      const code = line.trim();
      const comment = code.startsWith('*') || code.startsWith('//') || code.startsWith('/*');
      // String literals in code; comments may quote names (BullMQ's metric names share the namespace).
      if (!comment && /['"`](bullmq|messaging)\./.test(line)) hits.push(`${relative(src, file)}:${index + 1}: ${code}`);
    });
  }
  return hits;
}

test('no module outside src/vocabulary spells a bullmq.* or messaging.* key out', () => {
  expect(spelledOutKeys()).toEqual([]);
});

test('each shared type is declared once, in src/vocabulary', () => {
  const declared = (name: string): string[] =>
    sourceFiles(src)
      .filter((file) => new RegExp(`^export (type|interface) ${name}\\b`, 'm').test(readFileSync(file, 'utf8')))
      .map((file) => relative(src, file));
  for (const name of ['AttemptOutcome', 'PropagationDirection', 'PropagationMode', 'PropagationFailureReason', 'FailureCategory']) {
    expect({ name, outside: declared(name) }).toEqual({ name, outside: [] });
  }
});

test('the metrics count a subset of the attempt outcomes: the control-flow ones are not outcomes there', () => {
  expect(ATTEMPT_OUTCOMES).toEqual(expect.arrayContaining([...RECORDED_OUTCOMES]));
  expect(ATTEMPT_OUTCOMES.filter((outcome) => !isRecordedOutcome(outcome))).toEqual(['delayed', 'waiting_children', 'rate_limited']);
});

test('categorizeFailure answers one of the listed categories', () => {
  const samples: [string, string, unknown][] = [
    ['UnrecoverableError', 'x', undefined], ['Error', 'ETIMEDOUT', undefined], ['Error', 'x', 'ECONNRESET'],
    ['Error', 'Missing lock for job', undefined], ['TypeError', 'x', undefined], ['Error', 'rate limit', undefined], ['Error', 'x', undefined],
  ];
  for (const [name, message, code] of samples) expect(FAILURE_CATEGORIES).toContain(categorizeFailure(name, message, code));
  expect(PROPAGATION_MODES).toEqual(['child', 'link', 'none']);
});

test('BullMQ\'s own option checks are validation failures; a runtime TypeError or RangeError is an application bug', () => {
  // The messages BullMQ 6 throws (as plain Errors) from Queue.addJob, Job.validateOptions and FlowProducer.
  for (const message of [
    "JobId cannot be '0' or start with '0:'",
    'Custom Id cannot be integers',
    'Custom Id cannot contain :',
    'Priority should not be float',
    'Priority should be between 0 and 2097152',
    'The following options cannot be used together: removeDependencyOnFailure, failParentOnFailure',
    'The size of job big exceeds the limit 10 bytes',
    'Deduplication id must be provided',
    'Deduplication and parent options cannot be used together',
    'Jitter should be between 0 and 1',
    'Deduplication options cannot be used on flow nodes with children',
  ]) {
    expect({ message, category: categorizeFailure('Error', message) }).toEqual({ message, category: 'validation' });
  }
  expect(categorizeFailure('_OTHER', 'Priority should not be float')).toBe('validation');
  expect(categorizeFailure('TypeError', 'bad')).toBe('application');
  expect(categorizeFailure('TypeError', "Cannot read properties of undefined (reading 'id')")).toBe('application');
  expect(categorizeFailure('RangeError', 'Invalid time value')).toBe('application');
  expect(categorizeFailure('ValidationError', 'amount')).toBe('validation');
  expect(categorizeFailure('Error', 'invalid e-mail address')).toBe('validation');
  // Only at the start: a message quoting one is the application's.
  expect(categorizeFailure('Error', 'upstream said: Custom Id cannot be integers')).toBe('application');
});

test('the key lists stay within their namespaces, and payload keys are never among the safe ones', () => {
  for (const key of Object.values(BullmqAttributes)) expect(key.startsWith('bullmq.')).toBe(true);
  for (const key of Object.values(BullmqNativeAttributes)) expect(key.startsWith('bullmq.')).toBe(true);
  for (const key of Object.values(MessagingAttributes)) expect(key.startsWith('messaging.')).toBe(true);
  const safe = new Set<string>(BullmqNativeSafeAttributes);
  expect(BullmqPayloadAttributes.filter((key) => safe.has(key))).toEqual([]);
});
