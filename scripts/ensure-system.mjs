#!/usr/bin/env node
// Makes sure the programs the tests and the demo start for themselves are installed.
//   node scripts/ensure-system.mjs            redis-server only (the demo and the examples)
//   node scripts/ensure-system.mjs --tests    also prometheus/promtool, tmux and openssl (the test suite)
// On Debian/Ubuntu as root it installs the distribution's packages, so that `npm test` on a fresh machine does all
// the set-up; elsewhere it says what to install and goes on (the suites that need a missing program then fail
// saying which).
import { execSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Program on PATH, the Debian package that provides it, and what it is for. */
const PROGRAMS = [
  { program: 'redis-server', pkg: 'redis-server', why: 'the Redis servers the tests and the demo start' },
  { program: 'prometheus', pkg: 'prometheus', why: 'the metrics tests scraped by a real Prometheus', tests: true },
  { program: 'tmux', pkg: 'tmux', why: 'the terminal UI tests', tests: true },
  { program: 'openssl', pkg: 'openssl', why: 'the certificates of the TLS tests', tests: true },
];

const forTests = process.argv.includes('--tests');

function onPath(program) {
  if (program === 'redis-server' && process.env.REDISMS_SYSTEM_BINARY && existsSync(process.env.REDISMS_SYSTEM_BINARY)) return true;
  if (program === 'prometheus' && process.env.PROMETHEUS_BINARY && existsSync(process.env.PROMETHEUS_BINARY)) return true;
  return spawnSync('sh', ['-c', `command -v ${program}`], { stdio: 'ignore' }).status === 0;
}

const missing = PROGRAMS.filter((p) => (forTests || !p.tests) && !onPath(p.program));
if (missing.length > 0) {
  const packages = missing.map((p) => p.pkg).join(' ');
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
  if (hasApt && isRoot) {
    console.log(`queue-otel: installing Debian's ${packages} (${missing.map((p) => p.why).join('; ')}) ...`);
    // Without recommends: prometheus would bring prometheus-node-exporter, a second service nothing here uses.
    const install = `apt-get install -y -qq --no-install-recommends ${packages}`;
    try {
      execSync(`${install} >/dev/null 2>&1 || (apt-get update -qq && ${install} >/dev/null)`, {
        stdio: 'inherit',
        env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      });
    } catch {
      // Offline, or a broken apt: the suites that need none of these still run; those that do say what is missing.
      console.log(`queue-otel: could not install ${packages} with apt-get; install them yourself (the suites that need them will fail).`);
    }
  } else {
    for (const p of missing) console.log(`queue-otel: no ${p.program} on PATH, needed for ${p.why}.`);
    console.log(
      `Install ${packages} (apt-get install ${packages}; brew install redis prometheus tmux openssl),\n` +
        'or set REDISMS_SYSTEM_BINARY / PROMETHEUS_BINARY; without redis-server, redis-memory-server will try to\n' +
        'download and build Redis.',
    );
  }
}
