#!/usr/bin/env node
// Builds dist/cjs with tsc, then for every entry point (the root and each subpath of package.json `exports`) a thin
// ESM module that re-exports the CommonJS build by name. One implementation behind both ways of loading: no
// dual-package hazard (two copies of QueueOtel's state when an application mixes `import` and `require`).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { keepExportsFast } from './fast-exports.mjs';

rmSync('dist', { recursive: true, force: true });
execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
// Barrels' re-exports stay cheap to read on the hot path (see fast-exports.mjs).
keepExportsFast('dist/cjs');

const require = createRequire(import.meta.url);
const { exports } = JSON.parse(readFileSync('package.json', 'utf8'));
mkdirSync('dist/esm', { recursive: true });
let entries = 0;
for (const target of Object.values(exports)) {
  if (typeof target === 'string') continue; // ./package.json
  // `./dist/esm/store.mjs` is generated from `./dist/cjs/entries/store.js`, as the map pairs them.
  const esm = target.import.default.replace(/^\.\/dist\/esm\//, '');
  const cjs = target.require.default.replace(/^\.\/dist\//, '../');
  const names = Object.keys(require(`../${target.require.default.slice(2)}`)).filter((n) => n !== '__esModule' && n !== 'default');
  writeFileSync(`dist/esm/${esm}`, `import cjs from '${cjs}';\nexport const { ${names.join(', ')} } = cjs;\n`);
  writeFileSync(`dist/esm/${esm.replace(/\.mjs$/, '.d.mts')}`, `export * from '${cjs}';\n`);
  entries += 1;
}
console.log(`built dist/cjs and dist/esm (${entries} entry points)`);
