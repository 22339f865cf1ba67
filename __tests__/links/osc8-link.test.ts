import { osc8Link } from '../../src/links/osc8-link';

describe('osc8Link', () => {
  it('wraps text in the OSC 8 sequence', () => {
    expect(osc8Link('https://j.example/trace/ab', 'ab')).toBe('\u001b]8;;https://j.example/trace/ab\u001b\\ab\u001b]8;;\u001b\\');
  });

  it('strips control characters from the text and encodes non-ASCII in the URL', () => {
    expect(osc8Link('https://x.example/é b', 'a\u001b]52;c;x\u0007b')).toBe('\u001b]8;;https://x.example/%C3%A9%20b\u001b\\a]52;c;xb\u001b]8;;\u001b\\');
  });

  it('rejects a URL with control characters', () => {
    expect(() => osc8Link('https://x.example/\u001b\\', 't')).toThrow('control characters');
  });
});
