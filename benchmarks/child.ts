import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';

/**
 * Node flags of every benchmark child. TypeScript is loaded through tsx: it compiles each file once
 * at load time with esbuild (types stripped, no down-levelling for Node 20), so the code that runs
 * while CPU is measured is the same JavaScript a tsc build would run; the compile happens before.
 */
const NODE_FLAGS = ['--expose-gc', '--import', 'tsx'];

/** Runs a benchmark script in a fresh Node process and parses its `RESULT {json}` line. */
export function runChild<T>(script: string, env: Record<string, string>, extraFlags: string[] = []): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...NODE_FLAGS, ...extraFlags, join(__dirname, script)], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('RESULT '));
      if (code !== 0 || !line) reject(new Error(`${script} exited with ${code}: ${out.slice(-500)}`));
      else resolve(JSON.parse(line.slice('RESULT '.length)) as T);
    });
  });
}

/** Starts the OTLP sink in its own process; resolves with its traces URL and a stop function. */
export function startSink(): Promise<{ url: string; stats: string; process: ChildProcess }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'sink.ts')], { stdio: ['ignore', 'pipe', 'inherit'] });
    child.on('error', reject);
    child.stdout.once('data', (chunk: Buffer) => {
      const port = chunk.toString().trim();
      resolve({ url: `http://127.0.0.1:${port}/v1/traces`, stats: `http://127.0.0.1:${port}/stats`, process: child });
    });
  });
}
