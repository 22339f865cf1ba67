#!/usr/bin/env node
// Makes sure a redis-server binary exists for the tests and the demo (they start their own servers).
// On Debian/Ubuntu as root it installs the distribution's package; elsewhere it says what to do.
import { execSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

function found() {
  if (process.env.REDISMS_SYSTEM_BINARY && existsSync(process.env.REDISMS_SYSTEM_BINARY)) return true;
  return spawnSync('sh', ['-c', 'command -v redis-server'], { stdio: 'ignore' }).status === 0;
}

if (!found()) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
  if (hasApt && isRoot) {
    console.log('queue-otel: redis-server not found; installing Debian\'s redis-server package ...');
    execSync('apt-get install -y -qq redis-server >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq redis-server)', { stdio: 'inherit' });
  } else {
    console.log(
      'queue-otel: no redis-server binary on PATH. Install one (apt-get install redis-server, brew install redis),\n' +
        'or set REDISMS_SYSTEM_BINARY; otherwise redis-memory-server will try to download and build Redis.',
    );
  }
}
