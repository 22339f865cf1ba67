/**
 * Tells Redis' answers about foreign data apart from failures of Redis itself. The reader reads keys any
 * process could have written: a key of the wrong type is bad data to skip, not a reason to fail the read.
 */

/** True when Redis refused a command because the key holds another type (a string where a list is expected). */
export function isWrongType(error: unknown): boolean {
  return error instanceof Error && error.message.startsWith('WRONGTYPE');
}

/** `read()`'s value, or `fallback` when the key holds the wrong type; other errors (connection, timeout) reject. */
export async function unlessWrongType<T>(read: Promise<T>, fallback: T, onWrongType?: () => void): Promise<T> {
  try {
    return await read;
  } catch (error) {
    if (!isWrongType(error)) throw error;
    onWrongType?.();
    return fallback;
  }
}
