/**
 * `npm run bench:import`: what an application pays to load queue-otel, next to bullmq-otel (issue 18's targets).
 *
 * 1. Import cost: `require('queue-otel')` (and `import`) after `require('bullmq')`, cold, each in a fresh node
 *    process, median of BENCH_IMPORT_RUNS runs (default 15): modules loaded and milliseconds, next to
 *    `require('bullmq-otel')`, with the ratio and the targets (at most 250 modules; at most 100 ms or 3x bullmq-otel).
 * 2. Install size: the packed library (`npm pack`), and what `npm install <tarball> bullmq@^6` would bring into a
 *    fresh application (`npm install --dry-run`, which needs the registry: skipped with a message when it is not
 *    reachable). None of the SDK, gRPC, protobuf, prom-client, ink, react or yaml may be among them.
 *
 * The library is built first (`npm run build`) unless BENCH_IMPORT_NO_BUILD=1. Exits 1 when a target is missed.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { forbiddenIn, isForbidden, probeImport, repositoryRoot } from './import-probe';

const RUNS = Number(process.env.BENCH_IMPORT_RUNS ?? 15);
const MAX_MODULES = 250;
const MAX_MS = 100;
const MAX_RATIO = 3;
/** What a fresh install must not bring (ioredis is allowed: it is what the span store and observer use, as optional peers). */
const INSTALL_FORBIDDEN = ['@opentelemetry/sdk-node', '@grpc/grpc-js', 'protobufjs', 'prom-client', 'ink', 'react', 'yaml'];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

interface Measured {
  label: string;
  modules: number;
  ms: number;
  forbidden: string[];
}

function measure(specifier: string, mode: 'require' | 'import'): Measured {
  const modules: number[] = [];
  const times: number[] = [];
  const forbidden = new Set<string>();
  for (let i = 0; i < RUNS; i++) {
    const cost = probeImport(specifier, mode);
    modules.push(cost.modules.length);
    times.push(cost.ms);
    for (const name of forbiddenIn(cost)) forbidden.add(name);
  }
  return { label: `${mode}('${specifier}')`, modules: median(modules), ms: median(times), forbidden: [...forbidden] };
}

function importCost(): boolean {
  console.log(`Import cost after require('bullmq'), median of ${RUNS} fresh processes (node ${process.version}):\n`);
  const rows = [measure('queue-otel', 'require'), measure('queue-otel', 'import'), measure('bullmq-otel', 'require')];
  const reference = rows[2]!;
  for (const row of rows) {
    const ratio = row === reference ? '' : `  ${(row.ms / reference.ms).toFixed(1)}x bullmq-otel's time`;
    console.log(`  ${row.label.padEnd(24)} ${String(row.modules).padStart(4)} modules  ${row.ms.toFixed(1).padStart(6)} ms${ratio}`);
  }
  let ok = true;
  for (const row of rows.slice(0, 2)) {
    const modulesOk = row.modules <= MAX_MODULES;
    const timeOk = row.ms <= MAX_MS || row.ms <= MAX_RATIO * reference.ms;
    ok &&= modulesOk && timeOk && row.forbidden.length === 0;
    console.log(
      `\n  ${row.label}: modules ${modulesOk ? 'within' : 'OVER'} the target (<= ${MAX_MODULES}); time ${timeOk ? 'within' : 'OVER'} ` +
        `the target (<= ${MAX_MS} ms or <= ${MAX_RATIO}x bullmq-otel)` + (row.forbidden.length ? `; loads ${row.forbidden.join(', ')}` : ''),
    );
  }
  return ok;
}

function registryReachable(): boolean {
  return spawnSync('npm', ['ping'], { encoding: 'utf8', timeout: 15_000 }).status === 0;
}

/** The packages `npm install --dry-run` would add: its `add <name> <version>` lines (npm 10 and 11 print them). */
function addedPackages(output: string): string[] {
  const names = [...output.matchAll(/^add (\S+) \S+$/gm)].map((match) => match[1]!);
  return [...new Set(names)].sort();
}

function installSize(): boolean {
  const dir = mkdtempSync(join(tmpdir(), 'queue-otel-install-'));
  try {
    const packed = JSON.parse(
      execFileSync('npm', ['pack', '--json', '--pack-destination', dir], { cwd: repositoryRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }),
    ) as { filename: string; size: number; unpackedSize: number; files: unknown[] }[];
    const tarball = packed[0]!;
    console.log(`\nPacked library: ${tarball.filename}, ${(tarball.size / 1024).toFixed(0)} kB (${(tarball.unpackedSize / 1024).toFixed(0)} kB unpacked, ${tarball.files.length} files)`);
    if (!registryReachable()) {
      console.log('Install check skipped: the npm registry is not reachable (npm ping failed).');
      return true;
    }
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'install-probe', version: '1.0.0', private: true }));
    // Not npm run's own settings (a silent log level hides the dry run's report).
    const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.toLowerCase().startsWith('npm_config_')));
    const run = spawnSync('npm', ['install', '--dry-run', '--no-audit', '--no-fund', `./${tarball.filename}`, 'bullmq@^6'], {
      cwd: dir, encoding: 'utf8', timeout: 180_000, env,
    });
    if (run.status !== 0) {
      console.log(`Install check skipped: npm install --dry-run failed (${run.stderr.trim().split('\n').pop() ?? 'no output'}).`);
      return true;
    }
    const added = addedPackages(run.stdout);
    const forbidden = added.filter((name) => INSTALL_FORBIDDEN.includes(name) || (isForbidden(name) && name !== 'ioredis'));
    console.log(`npm install <tarball> bullmq@^6 in a fresh application adds ${added.length} packages: ${added.join(', ')}`);
    console.log(forbidden.length ? `  brings what it must not: ${forbidden.join(', ')}` : `  none of ${INSTALL_FORBIDDEN.join(', ')}`);
    return forbidden.length === 0;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.env.BENCH_IMPORT_NO_BUILD !== '1') execFileSync('npm', ['run', '--silent', 'build'], { cwd: repositoryRoot, stdio: 'ignore' });
if (readdirSync(join(repositoryRoot, 'dist')).length === 0) throw new Error('dist/ is empty: run npm run build');
const importsOk = importCost();
const installOk = installSize();
process.exitCode = importsOk && installOk ? 0 : 1;
