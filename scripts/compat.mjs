#!/usr/bin/env node
// Runs the tests most sensitive to BullMQ's internals against other bullmq / ioredis versions than the ones in
// devDependencies, one version set after another, and prints a summary per set. Not part of `npm test` or CI: it
// needs the npm registry and takes minutes per set. See "Checking other bullmq and ioredis versions" in
// docs/spans.md.
//
//   npm run test:compat                                   the default sets (DEFAULT_SETS below)
//   npm run test:compat -- bullmq@6.0.0 bullmq@6.7.6,ioredis@5.11.1
//   npm run test:compat -- --only __tests__/hooks bullmq@6.3.16
//   npm run test:compat -- --keep bullmq@6.0.0             keeps the scratch copy (its path is printed)
//
// Each set gets a scratch copy of this checkout under the OS temp directory: the working tree's files (uncommitted
// edits included), node_modules hard-linked from this checkout (cp -al; a plain copy where hard links fail), then
// `npm install --no-save` of the set's packages. The packages replaced are deleted from the copy first, so npm writes
// new files instead of through the hard links: this checkout's node_modules is never changed.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

/** The version sets run without arguments: both ends of the supported range, points between, and both ioredis majors. */
const DEFAULT_SETS = [
  'bullmq@6.0.0',
  'bullmq@6.2.2',
  'bullmq@6.3.16',
  'bullmq@6.5.4',
  'bullmq@6.7.0',
  'bullmq@6.7.6,ioredis@5',
  'bullmq@6.7.6,ioredis@6.1.0',
];

/** The suites that read BullMQ's internals or its span shapes (hook points, attributes, metadata, events). */
const DEFAULT_TESTS = [
  '__tests__/hooks',
  '__tests__/telemetry',
  '__tests__/propagation',
  '__tests__/light-span/bullmq-conformance',
  '__tests__/observer',
  '__tests__/sampling',
];

const root = resolve(dirname(new URL(import.meta.url).pathname), '..');

function parseArgs(argv) {
  const sets = [];
  const only = [];
  let keep = false;
  let retry = true;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--keep') keep = true;
    else if (arg === '--no-retry') retry = false;
    else if (arg === '--only') only.push(argv[++i]);
    else if (arg === '--help' || arg === '-h') {
      console.log('usage: node scripts/compat.mjs [--keep] [--no-retry] [--only <test path>]... [bullmq@<v>[,ioredis@<v>]]...');
      process.exit(0);
    } else sets.push(arg);
  }
  return { sets: sets.length > 0 ? sets : DEFAULT_SETS, tests: only.length > 0 ? only : DEFAULT_TESTS, keep, retry };
}

/** `bullmq@6.7.6,ioredis@5` -> ['bullmq@6.7.6', 'ioredis@5'], with the package names checked. */
function packagesOf(set) {
  const specs = set.split(',').map((s) => s.trim()).filter(Boolean);
  for (const spec of specs) {
    if (!/^(bullmq|ioredis)@[\w.^~<>=*-]+$/.test(spec)) {
      throw new Error(`${spec}: expected bullmq@<version> or ioredis@<version>`);
    }
  }
  return specs;
}

function run(cmd, args, options) {
  const result = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...options });
  return { status: result.status ?? 1, output: `${result.stdout ?? ''}${result.stderr ?? ''}` };
}

/** Copies the working tree (tracked and untracked files git does not ignore) into `dir`. */
function copyWorkingTree(dir) {
  const listed = run('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: root });
  if (listed.status !== 0) throw new Error(`git ls-files failed: ${listed.output}`);
  for (const file of listed.output.split('\0').filter(Boolean)) {
    if (!existsSync(join(root, file))) continue; // deleted in the working tree
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    cpSync(join(root, file), join(dir, file));
  }
}

/** node_modules (the root's and the workspaces') hard-linked into `dir`: seconds and no disk, unlike a copy. */
function linkNodeModules(dir) {
  for (const nm of ['node_modules', 'cli/node_modules']) {
    if (!existsSync(join(root, nm))) continue;
    mkdirSync(dirname(join(dir, nm)), { recursive: true });
    if (run('cp', ['-al', join(root, nm), join(dir, nm)]).status !== 0) {
      rmSync(join(dir, nm), { recursive: true, force: true });
      cpSync(join(root, nm), join(dir, nm), { recursive: true, verbatimSymlinks: true });
    }
  }
}

function installedVersion(dir, name) {
  try {
    return JSON.parse(readFileSync(join(dir, 'node_modules', name, 'package.json'), 'utf8')).version;
  } catch {
    return '?';
  }
}

function runSet(set, tests, keep, retry) {
  const packages = packagesOf(set);
  const dir = mkdtempSync(join(tmpdir(), `queue-otel-compat-${set.replace(/[^\w.-]+/g, '_')}-`));
  const summary = { set, dir, bullmq: '?', ioredis: '?', passed: 0, failed: 0, failures: [], flaky: [], note: '' };
  try {
    copyWorkingTree(dir);
    linkNodeModules(dir);
    for (const spec of packages) rmSync(join(dir, 'node_modules', spec.slice(0, spec.lastIndexOf('@'))), { recursive: true, force: true });
    const install = run('npm', ['install', '--no-save', '--ignore-scripts', '--no-audit', '--no-fund', ...packages], { cwd: dir });
    if (install.status !== 0) {
      summary.failed = 1;
      summary.note = `npm install failed:\n${install.output.trim()}`;
      return summary;
    }
    summary.bullmq = installedVersion(dir, 'bullmq');
    summary.ioredis = installedVersion(dir, 'ioredis');
    console.log(`\n=== ${set}: bullmq ${summary.bullmq}, ioredis ${summary.ioredis} (${dir})`);
    const first = runJest(dir, tests, 'first');
    if (typeof first === 'string') {
      summary.failed = 1;
      summary.note = first;
      return summary;
    }
    let failures = first.failures;
    summary.passed = first.passed;
    // A shared or loaded machine makes waits time out (the tests that start child processes first): the files that
    // failed run once more, one at a time. A test that fails twice counts as failed; one that passes the second
    // time is listed as flaky, not hidden.
    const failedFiles = [...new Set(failures.map((f) => f.file))];
    if (retry && failedFiles.length > 0) {
      console.log(`\n--- ${set}: running the ${failedFiles.length} failed file(s) again`);
      const second = runJest(dir, failedFiles, 'retry', ['--runInBand']);
      if (typeof second !== 'string') {
        const still = new Set(second.failures.map((f) => `${f.file} > ${f.test}`));
        summary.flaky = failures.filter((f) => !still.has(`${f.file} > ${f.test}`)).map(describe);
        summary.passed += summary.flaky.length;
        failures = failures.filter((f) => still.has(`${f.file} > ${f.test}`));
      }
    }
    summary.failed = failures.length;
    summary.failures = failures.map(describe);
    return summary;
  } finally {
    if (!keep) rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs jest on `tests` in `dir`: the passed count and each failure, or why there is no report. */
function runJest(dir, tests, label, extra = []) {
  const report = join(dir, `.compat-results-${label}.json`);
  const jest = run('npx', ['jest', '--json', `--outputFile=${report}`, ...extra, ...tests], {
    cwd: dir,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: {
      ...process.env,
      // As scripts/test.mjs: the OTLP exporter's dynamic import needs jest's vm modules.
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --experimental-vm-modules --disable-warning=ExperimentalWarning`.trim(),
    },
  });
  if (!existsSync(report)) return `jest wrote no report (exit ${jest.status})`;
  const results = JSON.parse(readFileSync(report, 'utf8'));
  const failures = [];
  for (const file of results.testResults) {
    const path = file.name.slice(dir.length + 1);
    // A file that failed to run at all (a syntax or import error) has no test results of its own.
    if (file.status === 'failed' && file.assertionResults.length === 0) failures.push({ file: path, test: '(the file)', message: firstLine(file.message) });
    for (const test of file.assertionResults) {
      if (test.status === 'failed') failures.push({ file: path, test: test.fullName, message: firstLine(test.failureMessages.join('\n')) });
    }
  }
  return { passed: results.numPassedTests, failures };
}

function describe(failure) {
  return `${failure.file} > ${failure.test}: ${failure.message}`;
}

/** The first line of a failure worth reading (jest's messages start with ANSI codes and blank lines). */
function firstLine(message) {
  const lines = String(message ?? '').replace(/\u001b\[[0-9;]*m/g, '').split('\n').map((l) => l.trim()).filter(Boolean);
  return (lines.find((l) => !l.startsWith('●')) ?? '').slice(0, 200);
}

const { sets, tests, keep, retry } = parseArgs(process.argv.slice(2));
const summaries = [];
// One set after another: each run starts its own Redis and uses both of jest's workers.
for (const set of sets) summaries.push(runSet(set, tests, keep, retry));

console.log('\nqueue-otel compatibility summary');
console.log(`tests: ${tests.join(' ')}`);
for (const s of summaries) {
  console.log(`${s.failed === 0 ? 'ok  ' : 'FAIL'} ${s.set.padEnd(32)} bullmq ${s.bullmq.padEnd(8)} ioredis ${s.ioredis.padEnd(8)} ${s.passed} passed, ${s.failed} failed${s.flaky.length > 0 ? `, ${s.flaky.length} of the passed flaky` : ''}${keep ? `  ${s.dir}` : ''}`);
  if (s.note) console.log(`       ${s.note.split('\n').join('\n       ')}`);
  for (const f of s.failures) console.log(`       - ${f}`);
  for (const f of s.flaky) console.log(`       ~ flaky (failed, then passed alone): ${f}`);
}
const out = join(root, '.compat-summary.json');
writeFileSync(out, `${JSON.stringify(summaries, null, 2)}\n`);
console.log(`(also written to ${out})`);
process.exit(summaries.every((s) => s.failed === 0) ? 0 : 1);
