import { createHash, createHmac } from 'node:crypto';
import { summarizePayload } from '../../src/sanitize/payload-summary';

const sha = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 12);
const hmac = (key: string, text: string): string => createHmac('sha256', key).update(text, 'utf8').digest('hex').slice(0, 12);

describe('summarizePayload', () => {
  it('gives the size in UTF-8 bytes and the SHA-256 prefix of the text', () => {
    expect(summarizePayload('héllo')).toBe(`[PAYLOAD size=6B sha256=${sha('héllo')}]`);
    expect(summarizePayload(42)).toBe(`[PAYLOAD size=2B sha256=${sha('42')}]`);
  });

  // The one-entry memo must key on the hash key too: the same result under another key is another summary.
  it('never reuses a summary made with another hash key for the same text', () => {
    const plain = summarizePayload('"ok"');
    const keyA = summarizePayload('"ok"', 'key-a');
    const keyB = summarizePayload('"ok"', 'key-b');
    expect(plain).toBe(`[PAYLOAD size=4B sha256=${sha('"ok"')}]`);
    expect(keyA).toBe(`[PAYLOAD size=4B hmac=${hmac('key-a', '"ok"')}]`);
    expect(keyB).toBe(`[PAYLOAD size=4B hmac=${hmac('key-b', '"ok"')}]`);
    expect(new Set([plain, keyA, keyB]).size).toBe(3);
    expect(summarizePayload('"ok"')).toBe(plain);
  });

  it('summarises a text again after another text was summarised', () => {
    const first = summarizePayload('a');
    summarizePayload('b');
    expect(summarizePayload('a')).toBe(first);
    expect(summarizePayload('b')).not.toBe(first);
  });

  it('summarises long texts (not remembered) the same every time', () => {
    const long = 'x'.repeat(1000);
    expect(summarizePayload(long)).toBe(`[PAYLOAD size=1000B sha256=${sha(long)}]`);
    expect(summarizePayload(long)).toBe(summarizePayload(long));
  });
});
