import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const FIXTURES = join(__dirname, '..', 'fixtures', 'observer');

/** A fixture running in its own Node process; `waitForLine` resolves with the first stdout line matching. */
export interface RunningFixture {
  child: ChildProcess;
  waitForLine(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  exited: Promise<number | null>;
  kill(signal?: NodeJS.Signals): void;
}

/** Starts a TypeScript fixture of __tests__/fixtures/observer with tsx; the caller kills it. */
export function startFixture(file: string, env: Record<string, string>): RunningFixture {
  const child = spawn(process.execPath, ['--import', 'tsx', join(FIXTURES, file)], {
    env: { ...process.env, NODE_OPTIONS: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    exited,
    kill: (signal = 'SIGKILL') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    },
    waitForLine: (pattern, timeoutMs = 20_000) =>
      new Promise((resolve, reject) => {
        const check = (): boolean => {
          const match = out.match(pattern);
          if (match) resolve(match);
          return Boolean(match);
        };
        const timer = setTimeout(() => reject(new Error(`${file}: no line ${pattern} in ${timeoutMs} ms\nstdout: ${out}\nstderr: ${err}`)), timeoutMs);
        child.stdout!.on('data', (c: Buffer) => {
          out += c.toString();
          if (check()) clearTimeout(timer);
        });
        child.on('exit', (code) => {
          if (!check()) {
            clearTimeout(timer);
            reject(new Error(`${file} exited with ${code}\nstdout: ${out}\nstderr: ${err}`));
          }
        });
      }),
  };
}
