#!/usr/bin/env node
// The root's prepack: refuses to pack without the build. dist/ is not in git, so `npm pack` (or `npm publish`) in a
// fresh clone would otherwise make a tarball with the docs and no code. Checks every file package.json's `main`,
// `types` and `exports` point at; `node scripts/check-dist.mjs [package dir]` exits 1 naming the missing ones.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The files under the package's `main`, `module`, `types` and `exports` (every condition), relative to it. */
export function builtFiles(pkg) {
  const files = new Set([pkg.main, pkg.module, pkg.types].filter((path) => typeof path === 'string'));
  const walk = (target) => {
    if (typeof target === 'string') files.add(target);
    else if (target && typeof target === 'object') for (const [condition, value] of Object.entries(target)) if (condition !== 'source') walk(value);
  };
  walk(pkg.exports);
  return [...files].filter((path) => path.startsWith('./dist/') || path.startsWith('dist/'));
}

const dir = resolve(process.argv[2] ?? '.');
const missing = builtFiles(JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'))).filter((path) => !existsSync(join(dir, path)));
if (missing.length > 0) {
  console.error(`queue-otel: not packing without the build: ${missing.length} file(s) of dist/ missing (${missing.slice(0, 3).join(', ')}${missing.length > 3 ? ', ...' : ''}); run npm run build first`);
  process.exit(1);
}
