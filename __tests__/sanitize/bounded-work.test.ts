import fc from 'fast-check';
import { Sanitizer, stripSqlLiterals } from '../../src/sanitize';
import { findKeyAssignments } from '../../src/sanitize/key-assignment';
import { compileKeyPatterns } from '../../src/sanitize/key-pattern';

describe('attribute keys are bounded', () => {
  test('a key longer than 256 characters is dropped without being scanned, and counted', () => {
    const sanitizer = new Sanitizer({ allowAll: true });
    const atLimit = `app.${'k'.repeat(252)}`;
    const out = sanitizer.sanitizeAttributes({ [atLimit]: 1, [`${atLimit}x`]: 2, [`app.${'key='.repeat(25_000)}`]: 3 });
    expect(out).toEqual({ [atLimit]: 1 });
    expect(sanitizer.stats().droppedLongKey).toBe(2);
  });
});

describe('SQL values', () => {
  test('a dollar quote that is never closed is a literal up to the end', () => {
    expect(stripSqlLiterals('SELECT $body$ secret 42 and more')).toBe('SELECT ?');
    expect(stripSqlLiterals('SELECT $a$ x $a$, $b$ y')).toBe('SELECT ?, ?');
    expect(stripSqlLiterals('SELECT $1, $$ x $$')).toBe('SELECT $1, ?');
  });

  test('literals are stripped before the cut, so the limit applies to the statement without them', () => {
    const sql = `INSERT INTO t (a, b) VALUES ('${'x'.repeat(3000)}', '${'y'.repeat(3000)}') RETURNING id`;
    const out = new Sanitizer().sanitizeAttributes({ 'db.statement': sql });
    expect(out['db.statement']).toBe('INSERT INTO t (a, b) VALUES (?, ?) RETURNING id');
  });

  test('a long statement is cut at maxValueLength and the marker gives its original length', () => {
    const sql = `SELECT * FROM t WHERE note = ${'n'.repeat(60)} AND a = 1`;
    const out = new Sanitizer({ maxValueLength: 30 }).sanitizeAttributes({ 'db.statement': sql });
    expect(out['db.statement']).toBe(`SELECT * FROM t WHERE note = n…[TRUNCATED:${sql.length}]`);
  });

  test('beyond what is read, nothing is kept; a literal across the end of it becomes ? whole', () => {
    const sql = `SELECT '${'s'.repeat(200_000)}' AS tail`;
    const out = new Sanitizer({ maxValueLength: 100 }).sanitizeAttributes({ 'db.statement': sql });
    expect(out['db.statement']).toBe(`SELECT ?…[TRUNCATED:${sql.length}]`);
    const raised = new Sanitizer({ maxValueLength: 150_000 }).sanitizeAttributes({ 'db.statement': `${sql} ${sql}` });
    expect(raised['db.statement']).toBe(`SELECT ?…[TRUNCATED:${sql.length * 2 + 1}]`);
  });

  test('an e-mail across the cut of a statement is redacted whole', () => {
    const sql = `SELECT 1 FROM t WHERE x = jane.doe@example.com ${'z'.repeat(100)}`;
    const out = new Sanitizer({ maxValueLength: 30 }).sanitizeAttributes({ 'db.statement': sql });
    expect(out['db.statement']).toBe(`SELECT ? FROM t WHERE x = [REDACTED:email]…[TRUNCATED:${sql.length}]`);
  });
});

/** The glob matching the policy used before: one anchored regex per glob. */
function regexGlob(glob: string, key: string): boolean {
  const source = glob.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*');
  return new RegExp(`^(?:${source})$`, 's').test(key);
}

test('key globs match exactly what the regex they replace matched', () => {
  const glob = fc.array(fc.constantFrom('a', 'b', '.', '*', 'ab', 'A'), { maxLength: 7 }).map((p) => p.join(''));
  const key = fc.array(fc.constantFrom('a', 'b', '.', 'A', 'ba'), { maxLength: 10 }).map((p) => p.join(''));
  fc.assert(
    fc.property(glob, key, fc.boolean(), (g, k, ignoreCase) => {
      const expected = ignoreCase ? regexGlob(g.toLowerCase(), k.toLowerCase()) : regexGlob(g, k);
      expect(compileKeyPatterns([g], { ignoreCase }).matches(k)).toBe(expected);
    }),
    { numRuns: 2000 },
  );
});

/**
 * The `…key=value` rule as a regex, rescanning one character after every match: a value is taken when it
 * looks random and starts after the last value taken (the regex it replaces resumed after a taken value
 * instead, so it missed `key=<random>KEY: <random>`: the second name is inside the first value).
 */
function regexKeyAssignments(text: string): [number, number][] {
  const re = /key\\?["']?\s*[:=]\s*\\?["']?(?<secret>[A-Za-z0-9+/_=-]{20,})/dgi;
  const out: [number, number][] = [];
  let taken = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    re.lastIndex = m.index + 1;
    const secret = m.groups?.['secret'] ?? '';
    const range = m.indices?.groups?.['secret'];
    if (range === undefined || range[0] < taken) continue;
    const counts = new Map<string, number>();
    for (const ch of secret) counts.set(ch, (counts.get(ch) ?? 0) + 1);
    let bits = 0;
    for (const n of counts.values()) bits -= (n / secret.length) * Math.log2(n / secret.length);
    if (/\d/.test(secret) && /[A-Za-z]/.test(secret) && bits >= 3.5) {
      out.push([range[0], range[1]]);
      taken = range[1];
    }
  }
  return out;
}

test('the `…key=value` rule finds what a rescanning regex finds, in one pass', () => {
  const token = fc.constantFrom('key=', 'KEY: ', 'api_key="', '\\"apiKey\\":\\"', 'a', 'Z', '9', 'x8', '+', '/', '-', '_', '=', ' ', '"', 'Zx8f3kLq9PmN2vB7tY5wR1sD', 'aaaaaaaaaa');
  fc.assert(
    fc.property(fc.array(token, { maxLength: 40 }), (tokens) => {
      const text = tokens.join('');
      expect(findKeyAssignments(text)).toEqual(regexKeyAssignments(text));
    }),
    { numRuns: 3000 },
  );
});
