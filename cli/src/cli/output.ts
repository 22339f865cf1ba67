/**
 * The CLI's only way to print. Its text carries job names, error messages and span names read from Redis or a
 * trace backend, and it never colours anything, so no control character but the line feed has any business in
 * it: whatever else is left is shown escaped. A table's fields are escaped again before this, one by one, so a
 * line feed inside a field cannot start a new row.
 */
import { terminalSafeJson, terminalSafeLines } from 'queue-otel/traces';

/** Where output goes: `process.stdout`, `process.stderr`, or a test's collector. */
export interface OutputStream {
  write(chunk: string): unknown;
}

/** Writes `text` (lines joined with `\n`) with every other control character shown as an escape. */
export function printText(text: string, stream: OutputStream = process.stdout): void {
  stream.write(terminalSafeLines(text));
}

/** Writes `value` as indented JSON and a line feed; see {@link terminalSafeJson} for what is escaped. */
export function printJson(value: unknown, stream: OutputStream = process.stdout): void {
  stream.write(`${terminalSafeJson(value, 2)}\n`);
}

/**
 * Writes one of the project's own control sequences (the OSC 52 copy, the alternate screen) unchanged. Never
 * for text that contains data: that goes through {@link printText}.
 */
export function writeControlSequence(sequence: string, stream: OutputStream = process.stdout): void {
  stream.write(sequence);
}
