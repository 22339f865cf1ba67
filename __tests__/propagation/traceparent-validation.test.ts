import fc from 'fast-check';
import { validateTraceparent } from '../../src/propagation';

/**
 * W3C Trace Context level 1's `traceparent`, written as the grammar reads: the reference the hand-written
 * validator is checked against.
 */
const GRAMMAR = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-[^\s]*)?$/;

function byGrammar(value: string): string | undefined {
  const match = GRAMMAR.exec(value);
  if (!match) return 'invalid_traceparent';
  const [, version, traceId, spanId, , rest] = match;
  if (version === 'ff') return 'unsupported_version';
  if (version === '00' && rest !== undefined) return 'invalid_traceparent';
  if (/^0+$/.test(traceId!) || /^0+$/.test(spanId!)) return 'invalid_traceparent';
  return undefined;
}

const hexChars = '0123456789abcdef';
/** Mostly valid pieces, with the characters that break them (upper case, `g`, spaces, dashes) now and then. */
const piece = (length: number) =>
  fc.oneof(
    fc.string({ unit: fc.constantFrom(...hexChars), minLength: length, maxLength: length }),
    fc.constant('0'.repeat(length)),
    fc.string({ unit: fc.constantFrom(...`${hexChars}AFg -\t`), minLength: length - 1, maxLength: length + 1 }),
  );
const tail = fc.oneof(fc.constant(''), fc.constant('-'), fc.string({ unit: fc.constantFrom(...'-abc09 \t\u00a0\u2028'), maxLength: 6 }));
const headers = fc
  .tuple(fc.oneof(piece(2), fc.constantFrom('00', '01', 'fe', 'ff')), piece(32), piece(16), piece(2), tail, fc.constantFrom('-', '_'))
  .map(([version, traceId, spanId, flags, rest, sep]) => `${version}-${traceId}${sep}${spanId}-${flags}${rest}`);

describe('validateTraceparent', () => {
  it('gives the verdict of the W3C grammar for generated headers, valid and broken', () => {
    fc.assert(
      fc.property(fc.oneof(headers, fc.string({ maxLength: 70 })), (value) => {
        expect(validateTraceparent(value)).toBe(byGrammar(value));
      }),
      { numRuns: 5000 },
    );
  });

  it.each([
    ['00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01', undefined],
    ['01-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01-what-the-future-holds', undefined],
    ['00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01-', 'invalid_traceparent'],
    ['ff-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01', 'unsupported_version'],
    ['00-00000000000000000000000000000000-b7ad6b7169203331-01', 'invalid_traceparent'],
    ['00-0af7651916cd43dd8448eb211c80319c-0000000000000000-01', 'invalid_traceparent'],
    ['00-0AF7651916CD43DD8448EB211C80319C-b7ad6b7169203331-01', 'invalid_traceparent'],
    ['01-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01-with space', 'invalid_traceparent'],
    ['00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-0', 'invalid_traceparent'],
  ])('%s → %s', (value, reason) => {
    expect(validateTraceparent(value)).toBe(reason);
  });

  it('says a value that is not text is invalid rather than throwing', () => {
    expect(validateTraceparent(42 as unknown as string)).toBe('invalid_traceparent');
  });
});
