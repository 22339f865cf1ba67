import { createContextKey, ROOT_CONTEXT } from '@opentelemetry/api';
import type { Context } from '@opentelemetry/api';
import fc from 'fast-check';
import { LIGHT_ROOT } from '../../src/context';

const KEYS = Array.from({ length: 6 }, (_, i) => createContextKey(`light-context-test-${i}`));

type Op = { op: 'set'; key: number; value: number } | { op: 'delete'; key: number };
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant('set' as const), key: fc.nat(KEYS.length - 1), value: fc.integer() }),
  fc.record({ op: fc.constant('delete' as const), key: fc.nat(KEYS.length - 1) }),
);

function apply(start: Context, ops: readonly Op[]): Context[] {
  const seen = [start];
  let ctx = start;
  for (const o of ops) {
    const key = KEYS[o.key]!;
    ctx = o.op === 'set' ? ctx.setValue(key, o.value) : ctx.deleteValue(key);
    seen.push(ctx);
  }
  return seen;
}

test('any sequence of setValue/deleteValue reads back as the API context does, at every step (immutably), also past compaction', () => {
  fc.assert(
    fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
      const light = apply(LIGHT_ROOT, ops);
      const api = apply(ROOT_CONTEXT, ops);
      // Every intermediate context still reads what it held when it was made: nothing is shared mutably.
      for (let i = 0; i < light.length; i++) {
        for (const key of KEYS) expect(light[i]!.getValue(key)).toBe(api[i]!.getValue(key));
      }
    }),
    { numRuns: 300 },
  );
});

test('a value set to undefined reads undefined, and a key never set reads undefined', () => {
  const key = KEYS[0]!;
  expect(LIGHT_ROOT.setValue(key, 1).setValue(key, undefined).getValue(key)).toBeUndefined();
  expect(LIGHT_ROOT.getValue(key)).toBeUndefined();
  expect(LIGHT_ROOT.deleteValue(key)).toBe(LIGHT_ROOT);
});
