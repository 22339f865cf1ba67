#!/usr/bin/env node
// prepack: a tarball whose package.json has a file: dependency cannot be installed outside this repository
// ("queue-otel": "file:.." fails with ENOENT, or links to the installing project's node_modules). npm pack and
// npm publish of this folder run this first; scripts/pack.mjs writes the version range before packing.
import { readFileSync } from 'node:fs';

const manifest = JSON.parse(readFileSync('package.json', 'utf8'));
const local = Object.entries({ ...manifest.dependencies, ...manifest.optionalDependencies, ...manifest.peerDependencies })
  .filter(([, spec]) => typeof spec === 'string' && spec.startsWith('file:'));
if (local.length > 0) {
  console.error(`queue-otel-cli: ${local.map(([name, spec]) => `"${name}": "${spec}"`).join(', ')} resolves only in this repository; ` +
    'pack with "npm run pack:tarball --workspace queue-otel-cli" (then npm publish the tarball it makes)');
  process.exit(1);
}
