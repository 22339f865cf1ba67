#!/usr/bin/env node
// prepack: a tarball whose package.json has a file: dependency cannot be installed outside this repository
// ("queue-otel": "file:.." fails with ENOENT, or links to the installing project's node_modules), and one whose
// README links to files it does not hold (`../docs/tui.md`) shows dead links on npmjs.com and in node_modules.
// npm pack and npm publish of this folder run this first; scripts/pack.mjs writes the version range and points
// the README's links at the library's published files before packing.
import { readFileSync } from 'node:fs';
import { brokenLinks, packedFiles } from '../../scripts/packed-links.mjs';

const PACK = 'pack with "npm run pack:tarball --workspace queue-otel-cli" (then npm publish the tarball it makes)';
const manifest = JSON.parse(readFileSync('package.json', 'utf8'));
const local = Object.entries({ ...manifest.dependencies, ...manifest.optionalDependencies, ...manifest.peerDependencies })
  .filter(([, spec]) => typeof spec === 'string' && spec.startsWith('file:'));
if (local.length > 0) {
  console.error(`queue-otel-cli: ${local.map(([name, spec]) => `"${name}": "${spec}"`).join(', ')} resolves only in this repository; ${PACK}`);
  process.exit(1);
}
const broken = brokenLinks(packedFiles('.'), (path) => readFileSync(path, 'utf8'));
if (broken.length > 0) {
  console.error(`queue-otel-cli: links of its packed docs to files the tarball does not hold: ${broken.map(({ file, target }) => `${file}: ${target}`).join(', ')}; ${PACK}`);
  process.exit(1);
}
