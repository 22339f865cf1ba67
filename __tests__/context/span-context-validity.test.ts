import { isSpanContextValid, INVALID_SPANID, INVALID_TRACEID } from '@opentelemetry/api';
import type { SpanContext } from '@opentelemetry/api';
import fc from 'fast-check';
import { isValidSpanContext } from '../../src/context';
import type * as ValidityModule from '../../src/context/span-context-validity';

const hex = (length: number) => fc.string({ unit: fc.constantFrom(...'0123456789abcdefABCDEF'), minLength: length, maxLength: length });
const id = (length: number, invalid: string) =>
  fc.oneof(hex(length), fc.constant(invalid), hex(length - 1), fc.string({ maxLength: length + 1 }), fc.constant(undefined as unknown as string));
const contexts = fc.record({ traceId: id(32, INVALID_TRACEID), spanId: id(16, INVALID_SPANID), traceFlags: fc.constant(1) });

describe('isValidSpanContext', () => {
  it("gives the API's verdict over any sequence of contexts, repeated ones included", () => {
    fc.assert(
      fc.property(fc.array(contexts, { minLength: 1, maxLength: 20 }), fc.array(fc.nat(19), { maxLength: 40 }), (list, repeats) => {
        for (const index of [...list.keys(), ...repeats]) {
          const spanContext = list[index % list.length]!;
          expect(isValidSpanContext(spanContext)).toBe(isSpanContextValid(spanContext));
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('never finds missing ids valid, whatever was checked before', () => {
    const missing = { traceId: undefined, spanId: undefined, traceFlags: 1 } as unknown as SpanContext;
    // A fresh copy of the module first: nothing found valid yet (an empty memory must not match missing ids).
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- a second, fresh copy of the module
      const fresh = require('../../src/context/span-context-validity') as typeof ValidityModule;
      expect(fresh.isValidSpanContext(missing)).toBe(false);
    });
    expect(isValidSpanContext(missing)).toBe(false);
    expect(isValidSpanContext({ traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331', traceFlags: 1 })).toBe(true);
    expect(isValidSpanContext(missing)).toBe(false);
  });

  it('checks a context afresh once its ids changed', () => {
    const spanContext: SpanContext = { traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331', traceFlags: 1 };
    expect(isValidSpanContext(spanContext)).toBe(true);
    spanContext.spanId = INVALID_SPANID;
    expect(isValidSpanContext(spanContext)).toBe(false);
    spanContext.spanId = 'b7ad6b7169203331';
    spanContext.traceId = 'not hex';
    expect(isValidSpanContext(spanContext)).toBe(false);
  });
});
