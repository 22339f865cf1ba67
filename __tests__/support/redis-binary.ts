import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * Finds a redis-server binary: $REDISMS_SYSTEM_BINARY, then PATH, then Debian's path.
 * Returns undefined when none exists, so redis-memory-server falls back to its own download
 * (which works for users with internet access, e.g. on macOS without Homebrew's redis).
 */
export function findRedisBinary(): string | undefined {
  const fromEnv = process.env.REDISMS_SYSTEM_BINARY;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  try {
    const found = execFileSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' }).trim();
    if (found) return found;
  } catch {
    // not on PATH
  }
  return existsSync('/usr/bin/redis-server') ? '/usr/bin/redis-server' : undefined;
}
