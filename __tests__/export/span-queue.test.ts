import { SpanQueue } from '../../src/export/span-queue';
import { makeSpans } from './export-fixtures';

const names = (spans: Array<{ name: string }>) => spans.map((s) => s.name);

describe('SpanQueue', () => {
  test('drop-oldest evicts from the head and keeps the newest, never holding more than the limit', async () => {
    const spans = await makeSpans(8);
    const queue = new SpanQueue(5, 'drop-oldest');
    expect(queue.push(spans.slice(0, 3), 5)).toEqual([]);
    expect(names(queue.push(spans.slice(3, 7), 5))).toEqual(['s-0', 's-1']);
    expect(queue.size).toBe(5);
    // More incoming than fits at all: everything queued goes, then the oldest incoming.
    const q2 = new SpanQueue(3, 'drop-oldest');
    q2.push(spans.slice(0, 2), 3);
    expect(names(q2.push(spans.slice(2, 7), 3))).toEqual(['s-0', 's-1', 's-2', 's-3']);
    expect(names(q2.take(10))).toEqual(['s-4', 's-5', 's-6']);
  });

  test('drop-oldest takes an incoming batch far larger than the queue, evicting its oldest part', async () => {
    const [span] = await makeSpans(1);
    // More spans than a call's arguments can hold: passed on as a spread, they overflowed the stack.
    const batch = Array.from({ length: 300_000 }, () => span!);
    const queue = new SpanQueue(4, 'drop-oldest');
    expect(queue.push(batch, 4)).toHaveLength(300_000 - 4);
    expect(queue.size).toBe(4);
  });

  test('drop-newest refuses the incoming overflow', async () => {
    const spans = await makeSpans(6);
    const queue = new SpanQueue(4, 'drop-newest');
    queue.push(spans.slice(0, 3), 4);
    expect(names(queue.push(spans.slice(3, 6), 4))).toEqual(['s-4', 's-5']);
    expect(names(queue.take(10))).toEqual(['s-0', 's-1', 's-2', 's-3']);
  });

  test('a taken batch keeps its reservation and is put back first, in order, across the ring edge', async () => {
    const spans = await makeSpans(9);
    const queue = new SpanQueue(5, 'drop-oldest');
    queue.push(spans.slice(0, 4), 5);
    queue.take(3); // head moves to slot 3
    queue.push(spans.slice(4, 6), 5); // wraps around
    const batch = queue.take(2);
    expect(names(batch)).toEqual(['s-3', 's-4']);
    // Only 5 - 2 in flight = 3 may be held while the batch is out.
    expect(names(queue.push(spans.slice(6, 9), 3))).toEqual(['s-5']);
    expect(queue.putBack(batch)).toEqual([]);
    expect(names(queue.take(10))).toEqual(['s-3', 's-4', 's-6', 's-7', 's-8']);
  });
});
