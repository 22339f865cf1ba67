/**
 * Replaces SQL literals with `?`, so a statement keeps its shape (useful for grouping slow queries) without
 * the values in it. Covers single-quoted strings (with '' escapes, and a string cut off by truncation),
 * dollar-quoted strings, hex and decimal numbers. Identifiers (`"col"`, `t1`), placeholders (`$1`, `:name`)
 * and keywords are kept.
 */
const SQL_LITERAL =
  /(?:[EeNnXxBb])?'(?:[^']|'')*(?:'|$)|\$([A-Za-z_]\w*)?\$[\s\S]*?\$\1\$|\b0x[0-9A-Fa-f]+\b|(?<![\w$.:])-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?\b/g;

/**
 * @example
 * stripSqlLiterals("SELECT * FROM users WHERE email = 'a@b.co' AND age > 30") // "SELECT * FROM users WHERE email = ? AND age > ?"
 */
export function stripSqlLiterals(sql: string): string {
  return sql.replace(SQL_LITERAL, '?');
}
