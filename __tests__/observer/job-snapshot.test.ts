import { parseSnapshot, SNAPSHOT_FIELDS } from '../../src/observer/job-snapshot';
import { streamIdTime } from '../../src/observer/stream-id';

function reply(fields: Partial<Record<(typeof SNAPSHOT_FIELDS)[number], string>>): (string | null)[] {
  return SNAPSHOT_FIELDS.map((f) => fields[f] ?? null);
}

test('a job hash reply becomes a snapshot; opts.delay wins over the hash delay zeroed on promotion', () => {
  const tm = JSON.stringify({ traceparent: `00-${'a'.repeat(32)}-${'b'.repeat(16)}-01` });
  const snapshot = parseSnapshot(reply({
    name: 'n', opts: JSON.stringify({ attempts: 3, delay: 500, tm }), timestamp: '1000', delay: '0', processedOn: '1600',
    finishedOn: '1700', atm: '1', ats: '2', stc: '1', failedReason: 'boom', pb: 'w1', qoa: '1',
  }))!;
  expect(snapshot).toMatchObject({
    name: 'n', metadata: tm, timestamp: 1000, delay: 500, processedOn: 1600, finishedOn: 1700, attemptsMade: 1,
    attemptsStarted: 2, stalledCounter: 1, failedReason: 'boom', processedBy: 'w1', instrumentedAttempt: 1,
  });
});

test('a removed job, bad opts JSON and missing fields are tolerated', () => {
  expect(parseSnapshot(reply({}))).toBeUndefined();
  expect(parseSnapshot(null)).toBeUndefined();
  const snapshot = parseSnapshot(reply({ timestamp: '5', opts: '{not json' }))!;
  expect(snapshot).toMatchObject({ metadata: undefined, delay: 0, attemptsMade: 0, attemptsStarted: 0, instrumentedAttempt: undefined });
});

test('stream ids carry the Redis time in ms', () => {
  expect(streamIdTime('1718000000123-4')).toBe(1718000000123);
  expect(streamIdTime('garbage')).toBeUndefined();
  expect(streamIdTime(undefined)).toBeUndefined();
});
