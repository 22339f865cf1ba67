import { osc8Link } from '../../src/links/osc8-link';

describe('osc8Link', () => {
  it('wraps text in the OSC 8 sequence, ended by BEL as ink measures it', () => {
    expect(osc8Link('https://j.example/trace/ab', 'ab')).toBe('\u001b]8;;https://j.example/trace/ab\u0007ab\u001b]8;;\u0007');
  });

  it('shows control characters of the text as escapes and encodes non-ASCII in the URL', () => {
    expect(osc8Link('https://x.example/é b', 'a\u001b]52;c;x\u0007b\u009b1m\u202e')).toBe(
      '\u001b]8;;https://x.example/%C3%A9%20b\u0007a\\x1b]52;c;x\\x07b\\x9b1m\\u202e\u001b]8;;\u0007',
    );
  });

  it('percent-encodes controls in the URL (ESC and BEL would end the sequence early) and never throws', () => {
    const link = osc8Link('https://x.example/\u001b]2;pwned\u0007\u009d?\ud800', 't');
    expect(link).toBe('\u001b]8;;https://x.example/%1B]2;pwned%07%C2%9D?%EF%BF%BD\u0007t\u001b]8;;\u0007');
    // Exactly the four control characters of the two OSC 8 sequences.
    expect(link.match(/[\u0000-\u001f\u007f-\u009f]/g)).toEqual(['\u001b', '\u0007', '\u001b', '\u0007']);
  });
});
