import { RandomIdGenerator } from '@opentelemetry/sdk-trace-base';
import type { LightSpanHost } from '../../src/light-span';
import { UNSEEN_UNSAMPLED_ROOT, unsampledRootUnseen } from '../../src/telemetry/zero-rate-sends';
import { CountingIdGenerator } from '../light-span/paths';

// A send whose ids nobody sees draws none from the SDK's own random generator; any other generator, or the SDK's with
// a function replaced, sees the draws the SDK would make. The answer is remembered per generator and its functions.

const hostWith = (idGenerator: LightSpanHost['idGenerator']): LightSpanHost => ({ idGenerator } as unknown as LightSpanHost);

test("the SDK's random generator draws nothing: the shared unseen root", () => {
  const ids = new RandomIdGenerator();
  expect(unsampledRootUnseen(hostWith(ids))).toBe(UNSEEN_UNSAMPLED_ROOT);
  expect(unsampledRootUnseen(hostWith(ids))).toBe(UNSEEN_UNSAMPLED_ROOT);
});

test('another generator sees both draws, span id first', () => {
  const span = unsampledRootUnseen(hostWith(new CountingIdGenerator()));
  expect(span).not.toBe(UNSEEN_UNSAMPLED_ROOT);
  expect(span.spanContext()).toMatchObject({ spanId: '0000000000000001', traceId: '00000000000000000000000000000002', traceFlags: 0 });
});

test("the SDK's generator with a function replaced after a first send draws from then on, and not once it is put back", () => {
  const ids = new RandomIdGenerator();
  const host = hostWith(ids);
  expect(unsampledRootUnseen(host)).toBe(UNSEEN_UNSAMPLED_ROOT);
  const original = ids.generateSpanId;
  let drawn = 0;
  ids.generateSpanId = () => (++drawn).toString(16).padStart(16, '0');
  const span = unsampledRootUnseen(host);
  expect(drawn).toBe(1);
  expect(span.spanContext().spanId).toBe('0000000000000001');
  ids.generateSpanId = original;
  expect(unsampledRootUnseen(host)).toBe(UNSEEN_UNSAMPLED_ROOT);
  expect(drawn).toBe(1);
});
