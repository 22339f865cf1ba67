import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The repository root: `queue-otel` resolves here (node_modules/queue-otel links to it). */
export const root = join(__dirname, '..');

const stamp = join(root, 'dist', '.built');
const lock = join(root, '.tmp', 'build.lock');

function newestSource(dir: string): number {
  let newest = 0;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const stat = statSync(path);
    newest = Math.max(newest, stat.isDirectory() ? newestSource(path) : stat.mtimeMs);
  }
  return newest;
}

function fresh(): boolean {
  // The build scripts count as sources: a change to how dist/ is made remakes it.
  const scripts = ['package.json', 'scripts/build.mjs', 'scripts/fast-exports.mjs'].map((file) => statSync(join(root, file)).mtimeMs);
  const sources = Math.max(newestSource(join(root, 'src')), ...scripts);
  return existsSync(stamp) && statSync(stamp).mtimeMs >= sources;
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Builds dist/ (`npm run build`) unless it is newer than every source. Test files that need the build run in
 * parallel jest workers, and the benchmark measures the build: a lock directory makes them build once, one at a
 * time.
 */
export function ensureBuilt(): void {
  mkdirSync(join(root, '.tmp'), { recursive: true });
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error('timed out waiting for another test file to build the library');
      sleep(200);
    }
  }
  try {
    if (fresh()) return;
    execFileSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'pipe' });
    writeFileSync(stamp, '');
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
