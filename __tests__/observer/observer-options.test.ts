import { observerHarness } from './observer-harness';
import { QueueEventsObserver } from '../../src/observer';
import type { ObserverOptions } from '../../src/observer';

const h = observerHarness();
afterEach(() => h.closeAll());

test('a name that is no option is a TypeError naming the nearest, before a listener is added; one given as undefined is let through', async () => {
  const telemetry = h.otel();
  const { events } = await h.queueAndEvents(telemetry, 'options');
  const listening = () => ['completed', 'failed', 'stalled', 'active'].map((event) => events.listenerCount(event));
  const before = listening();
  // Each did nothing before: `max_pending` left the queue of lookups at 10 000, `sanitize` kept QueueOtel's policy.
  const build = (options: Record<string, unknown>) => () => new QueueEventsObserver(telemetry, events, options as ObserverOptions);
  expect(build({ max_pending: 100 })).toThrow(new TypeError('queue-otel: "max_pending" is not an option of QueueEventsObserver (did you mean maxPending?)'));
  expect(build({ sanitize: { redactKeys: ['email'] } })).toThrow(new TypeError('queue-otel: "sanitize" is not an option of QueueEventsObserver (did you mean sanitizer?)'));
  expect(listening()).toEqual(before);

  const observer = build({ maxPending: 5, metrics: undefined, notAnOption: undefined })();
  h.closers.push(() => observer.close());
  expect(observer.stats().pending).toBe(0);
});
