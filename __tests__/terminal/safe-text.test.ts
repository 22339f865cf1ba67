import fc from 'fast-check';
import { terminalSafe, terminalSafeJson, terminalSafeLines } from '../../src/terminal';

const C0 = Array.from({ length: 0x20 }, (_, code) => String.fromCharCode(code));
const C1 = Array.from({ length: 0x20 }, (_, i) => String.fromCharCode(0x80 + i));
const BIDI = ['\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069'];
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
const UNSAFE_BUT_NEWLINE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
const hex2 = (char: string): string => char.charCodeAt(0).toString(16).padStart(2, '0');

/** Length of the escape shown for an unsafe character: all ASCII, one column per character. */
function escapeLength(char: string): number {
  if (char === '\n' || char === '\r' || char === '\t') return 2;
  return BIDI.includes(char) ? 6 : 4;
}

describe('terminalSafe', () => {
  it('shows every C0 control, DEL and every C1 control as \\xHH, and \\n, \\r, \\t by name', () => {
    for (const char of [...C0, '\u007f', ...C1]) {
      const named = { '\n': '\\n', '\r': '\\r', '\t': '\\t' }[char];
      expect(terminalSafe(`a${char}b`)).toBe(`a${named ?? `\\x${hex2(char)}`}b`);
    }
    expect(terminalSafe('\u001b]2;pwned\u0007')).toBe('\\x1b]2;pwned\\x07');
    expect(terminalSafe('\u009b31m\u009d0;x\u009c')).toBe('\\x9b31m\\x9d0;x\\x9c');
  });

  it('shows the bidi embeddings, overrides and isolates as \\uHHHH', () => {
    for (const char of BIDI) expect(terminalSafe(char)).toBe(`\\u${char.charCodeAt(0).toString(16)}`);
    expect(terminalSafe('invoice\u202efdp.exe')).toBe('invoice\\u202efdp.exe');
  });

  it('leaves accents, emoji, CJK, right-to-left letters and backslashes alone', () => {
    for (const text of ['Zoë Ångström', 'café 👩‍💻 🇩🇪', '注文の処理 주문', 'שלום مرحبا', 'C:\\jobs\\x1b', '\u00a0non-breaking', '']) {
      expect(terminalSafe(text)).toBe(text);
    }
  });

  it('property: no control character is left, the result is idempotent and its width is the documented one', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
      const safe = terminalSafe(text);
      expect(safe).not.toMatch(UNSAFE);
      expect(terminalSafe(safe)).toBe(safe);
      const expected = Array.from(text).reduce((sum, char) => sum + (UNSAFE.test(char) ? escapeLength(char) : char.length), 0);
      expect(safe.length).toBe(expected);
    }), { numRuns: 500 });
  });

  it('never throws on a non-string from bad data', () => {
    expect(terminalSafe(42 as unknown as string)).toBe('42');
    expect(terminalSafe(undefined as unknown as string)).toBe('undefined');
  });
});

describe('terminalSafeLines', () => {
  it('keeps line feeds between lines the project joined and escapes every other control', () => {
    expect(terminalSafeLines('a\u001b[2J\nb\tc\r\n\u009b31m')).toBe('a\\x1b[2J\nb\\tc\\r\n\\x9b31m');
  });
});

describe('terminalSafeJson', () => {
  it('escapes DEL, C1 and bidi controls, which JSON.stringify leaves raw, and parses back to the same value', () => {
    const value = { name: `job\u001b]52;c;eA==\u0007\u009b31m\u007f\u202e\u2066`, list: ['\u0085', 1, null], nested: { ok: 'é 注' } };
    expect(JSON.stringify(value)).toMatch(/[\u0080-\u009f]/);
    const text = terminalSafeJson(value, 2);
    expect(text).not.toMatch(UNSAFE_BUT_NEWLINE);
    expect(text).toContain('\\u009b31m');
    expect(text).toContain('\\u202e');
    expect(JSON.parse(text)).toEqual(value);
  });

  it('property: any JSON value round-trips and leaves no control character outside the indentation', () => {
    fc.assert(fc.property(fc.jsonValue(), fc.string({ unit: 'binary' }), (value, text) => {
      const out = terminalSafeJson({ value, text }, 2);
      expect(out).not.toMatch(UNSAFE_BUT_NEWLINE);
      expect(JSON.parse(out)).toEqual(JSON.parse(JSON.stringify({ value, text })));
    }), { numRuns: 300 });
  });
});
