import { charTable, inTable } from './char-classes';
import type { TextRange } from './detector';

/** `…key=`, `key: "`, `\"apiKey\":\"` …: a name ending in `key`, then the assignment. */
const ASSIGNMENT = /key\\?["']?\s*[:=]\s*\\?["']?/gi;
const SECRET = charTable('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+/_=-');
const MIN_SECRET = 20;
/** Bits per character; random keys score about 4 or more, words and repeated characters far less. */
const MIN_ENTROPY = 3.5;

const isDigit = (code: number): boolean => code >= 48 && code <= 57;
const isLetter = (code: number): boolean => (code >= 65 && code <= 90) || (code >= 97 && code <= 122);

/**
 * Among `starts` (ascending, all inside the run of secret characters that ends at `end`), the first whose
 * value `[start, end)` looks random: at least one digit and one letter, Shannon entropy >= 3.5 bits per
 * character. The statistics of every suffix are gathered in one pass from the end, so a run holding many
 * assignments (`key=key=key=…`) costs its length once, not once per assignment.
 */
function firstRandomStart(text: string, starts: readonly number[], end: number): number | undefined {
  const counts = new Uint32Array(128);
  let sumCLogC = 0; // Σ c·log2(c) over the character counts; entropy = log2(n) - Σ/n
  let digits = 0;
  let letters = 0;
  let found: number | undefined;
  let next = starts.length - 1;
  for (let i = end - 1; i >= 0 && next >= 0; i--) {
    const code = text.charCodeAt(i);
    const c = counts[code] ?? 0;
    sumCLogC += (c + 1) * Math.log2(c + 1) - (c === 0 ? 0 : c * Math.log2(c));
    counts[code] = c + 1;
    if (isDigit(code)) digits++;
    else if (isLetter(code)) letters++;
    if (i !== starts[next]) continue;
    const n = end - i;
    if (digits > 0 && letters > 0 && Math.log2(n) - sumCLogC / n >= MIN_ENTROPY) found = i;
    next--;
  }
  return found;
}

/**
 * Long high-entropy values assigned to a name ending in `key`. The value is the whole run of key characters
 * after the assignment; when it does not look random, an assignment inside it (`key=key=…`) is judged on its
 * own, shorter value, as a regex rescanning after each rejected match would, but in one pass over the run.
 */
export function findKeyAssignments(text: string): TextRange[] {
  const out: TextRange[] = [];
  const re = new RegExp(ASSIGNMENT.source, ASSIGNMENT.flags);
  let runEnd = -1;
  let starts: number[] = [];
  const flush = (): void => {
    if (starts.length === 0) return;
    const start = firstRandomStart(text, starts, runEnd);
    if (start !== undefined) out.push([start, runEnd]);
    starts = [];
  };
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const start = m.index + m[0].length;
    if (start >= runEnd) {
      flush();
      runEnd = start;
      while (runEnd < text.length && inTable(SECRET, text.charCodeAt(runEnd))) runEnd++;
    }
    // A shorter value than the minimum cannot become long enough further into the same run.
    if (runEnd - start >= MIN_SECRET) starts.push(start);
  }
  flush();
  return out;
}
