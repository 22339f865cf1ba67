import { normaliseSpanId, normaliseTraceId, requireTraceId } from '../../src/traces/span-ids';
import { nanosToMicros } from '../../src/traces/time-units';

describe('id normalisation', () => {
  it('lower-cases hex, pads short hex and decodes base64 by length', () => {
    expect(normaliseTraceId('4BF92F3577B34DA6A3CE929D0E0E4736')).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
    expect(normaliseTraceId('a3ce929d0e0e4736')).toBe('0000000000000000a3ce929d0e0e4736');
    expect(normaliseTraceId('S/kvNXezTaajzpKdDg5HNg==')).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
    expect(normaliseSpanId('APBnqgupArc=')).toBe('00f067aa0ba902b7');
  });

  it('rejects empty, all-zero, oversize and malformed ids', () => {
    expect(normaliseSpanId('')).toBeUndefined();
    expect(normaliseSpanId('0000000000000000')).toBeUndefined();
    expect(normaliseSpanId('S/kvNXezTaajzpKdDg5HNg==')).toBeUndefined();
    expect(normaliseTraceId('not an id!')).toBeUndefined();
    expect(normaliseTraceId(42)).toBeUndefined();
  });

  it('validates caller trace ids', () => {
    expect(requireTraceId('A3CE929D0E0E4736')).toBe('0000000000000000a3ce929d0e0e4736');
    expect(() => requireTraceId('4bf92f35')).toThrow('Invalid trace id "4bf92f35"');
  });

  it('converts nanoseconds without losing digits from strings', () => {
    expect(nanosToMicros('1700000000123456789')).toBe(1_700_000_000_123_456);
    expect(nanosToMicros(1_700_000_000_005_000_000)).toBe(1_700_000_000_005_000);
    expect(nanosToMicros('-1')).toBeUndefined();
  });
});
