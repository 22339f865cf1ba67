import type { ConfigIssue } from './config-error';

/** The part of `yaml`'s YAMLParseError this module reads; anything else thrown is treated as a plain Error. */
interface ParseErrorShape {
  message?: unknown;
  linePos?: unknown;
}

const MAX_QUOTED_LINE = 120;

/**
 * Turns a YAML/JSON parse failure into one issue that names the line and column and quotes the offending line.
 * The parser's own message ends with "at line N, column M:" followed by a code frame on further lines; keeping
 * only its first line left the user with a dangling colon, so the frame is replaced by the quoted line.
 */
export function syntaxIssue(error: unknown, text: string): ConfigIssue {
  const shape = (typeof error === 'object' && error !== null ? error : {}) as ParseErrorShape;
  const raw = typeof shape.message === 'string' ? shape.message : String(error);
  const firstLine = (raw.split('\n')[0] ?? '').replace(/\s+at line \d+, column \d+:?\s*$/, '').trim();
  const where = position(shape.linePos);
  if (!where) return { key: '(syntax)', message: firstLine || 'not YAML or JSON' };
  return { key: '(syntax)', message: `${firstLine || 'not YAML or JSON'} (line ${where.line}, column ${where.col}${quote(text, where.line)})` };
}

/**
 * Quotes the line the parser points at; when that line is blank (an unclosed bracket is reported at the end of
 * the file), the last non-blank line before it, which is where the user has to look.
 */
function quote(text: string, line: number): string {
  const lines = text.split(/\r?\n/);
  const pointed = lines[line - 1];
  if (pointed !== undefined && pointed.trim() !== '') return `: ${JSON.stringify(truncate(pointed.trimEnd()))}`;
  for (let i = Math.min(line - 2, lines.length - 1); i >= 0; i--) {
    const candidate = lines[i] ?? '';
    if (candidate.trim() !== '') return `; last line before it, line ${i + 1}: ${JSON.stringify(truncate(candidate.trimEnd()))}`;
  }
  return '';
}

function position(linePos: unknown): { line: number; col: number } | undefined {
  if (!Array.isArray(linePos)) return undefined;
  const start: unknown = linePos[0];
  if (typeof start !== 'object' || start === null) return undefined;
  const { line, col } = start as { line?: unknown; col?: unknown };
  if (typeof line !== 'number' || typeof col !== 'number' || !Number.isInteger(line) || line < 1) return undefined;
  return { line, col };
}

function truncate(line: string): string {
  return line.length > MAX_QUOTED_LINE ? `${line.slice(0, MAX_QUOTED_LINE)}…` : line;
}
