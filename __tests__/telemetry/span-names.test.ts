import { jobNameInDestination, parseSpanName } from '../../src/telemetry/operations';

test('BullMQ span names split into operation and destination, the same however often and however many names come', () => {
  expect(parseSpanName('process emails')).toEqual({ operation: 'process', destination: 'emails' });
  expect(parseSpanName('add emails.welcome mail')).toEqual({ operation: 'add', destination: 'emails.welcome mail' });
  expect(parseSpanName('extendLocks')).toEqual({ operation: 'extendLocks', destination: '' });
  expect(parseSpanName('')).toEqual({ operation: '', destination: '' });
  // Split names are remembered and shared: callers cannot change what the next caller gets.
  const first = parseSpanName('complete emails');
  expect(Object.isFrozen(first)).toBe(true);
  expect(parseSpanName(['complete', 'emails'].join(' '))).toBe(first);
  // More names than are remembered (queue names are user data): each still splits right.
  for (let i = 0; i < 600; i++) expect(parseSpanName(`process queue-${i}`)).toEqual({ operation: 'process', destination: `queue-${i}` });
  expect(parseSpanName('complete emails')).toEqual({ operation: 'complete', destination: 'emails' });
});

test("an add's destination gives its job name only when it is the queue's: `{queue}.{jobName}`", () => {
  expect(jobNameInDestination('emails.welcome', 'emails')).toBe('welcome');
  expect(jobNameInDestination('emails.v2.welcome', 'emails')).toBe('v2.welcome');
  expect(jobNameInDestination('emails.v2.welcome', 'emails.v2')).toBe('welcome');
  expect(jobNameInDestination('emails.', 'emails')).toBe('');
  expect(jobNameInDestination('emails', 'emails')).toBeUndefined();
  expect(jobNameInDestination('emailsXwelcome', 'emails')).toBeUndefined();
  expect(jobNameInDestination('orders.welcome', 'emails')).toBeUndefined();
  expect(jobNameInDestination('em.welcome', 'emails')).toBeUndefined();
});
