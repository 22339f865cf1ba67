#!/usr/bin/env node
// Builds dist/cjs with tsc, then a thin ESM entry that re-exports the CommonJS build by name.
// One implementation behind both entry points: no dual-package hazard (two copies of QueueOtel's
// state when an application mixes `import` and `require`).
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

rmSync('dist', { recursive: true, force: true });
execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });

const require = createRequire(import.meta.url);
const names = Object.keys(require('../dist/cjs/index.js')).filter((n) => n !== '__esModule' && n !== 'default');
mkdirSync('dist/esm', { recursive: true });
writeFileSync(
  'dist/esm/index.mjs',
  `import cjs from '../cjs/index.js';\nexport const { ${names.join(', ')} } = cjs;\n`,
);
writeFileSync('dist/esm/index.d.mts', `export * from '../cjs/index.js';\n`);
console.log(`built dist/cjs and dist/esm (${names.length} exports)`);
