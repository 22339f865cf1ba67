import type { ScanResult } from './text-scanner';

/**
 * Replaces SQL literals with `?`, so a statement keeps its shape (useful for grouping slow queries) without
 * the values in it. Covers single-quoted strings (with '' escapes), dollar-quoted strings, hex and decimal
 * numbers. Identifiers (`"col"`, `t1`), placeholders (`$1`, `:name`) and keywords are kept.
 *
 * A quote that is never closed runs to the end of the text, whether it is a statement cut off by
 * truncation or a hostile one: that keeps the value out, and it keeps the pattern linear, since an opening
 * either finds its closing quote or takes the rest of the text, so no opening is scanned to the end twice.
 * Dollar-quote tags are identifiers of at most 63 characters (PostgreSQL's limit), so looking for the closing
 * tag costs a bounded amount per character.
 */
const SQL_LITERAL =
  /(?:[EeNnXxBb])?'(?:[^']|'')*(?:'|$)|\$([A-Za-z_]\w{0,62})?\$[\s\S]*?(?:\$\1\$|$)|\b0x[0-9A-Fa-f]+\b|(?<![\w$.:])-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?\b/g;

/**
 * @example
 * stripSqlLiterals("SELECT * FROM users WHERE email = 'a@b.co' AND age > 30") // "SELECT * FROM users WHERE email = ? AND age > ?"
 */
export function stripSqlLiterals(sql: string): string {
  return stripSqlLiteralsTracking(sql, sql.length).text;
}

/**
 * {@link stripSqlLiterals}, also telling where index `boundary` of `sql` ended up in the output; a literal
 * across the boundary moves it past its `?`, as {@link ScanResult.boundary} does for markers.
 */
export function stripSqlLiteralsTracking(sql: string, boundary: number): ScanResult {
  const re = new RegExp(SQL_LITERAL.source, SQL_LITERAL.flags);
  let out = '';
  let cursor = 0;
  let mark = -1;
  let m: RegExpExecArray | null;
  while ((m = re.exec(sql)) !== null) {
    const start = m.index;
    const end = start + m[0].length;
    if (end === start) {
      re.lastIndex++; // an empty match (cannot happen today) must not stall the loop
      continue;
    }
    if (mark < 0 && boundary <= start) mark = out.length + (boundary - cursor);
    out += `${sql.slice(cursor, start)}?`;
    if (mark < 0 && boundary < end) mark = out.length;
    cursor = end;
  }
  if (cursor === 0) return { text: sql, boundary };
  if (mark < 0) mark = out.length + (boundary - cursor);
  return { text: out + sql.slice(cursor), boundary: mark };
}
