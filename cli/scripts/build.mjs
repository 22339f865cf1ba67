#!/usr/bin/env node
// Builds the CLI into dist/ against the library's build (`queue-otel` resolves to its dist, not to its sources:
// build the library first). The terminal UI stays ESM: its package.json marker goes along.
import { execFileSync } from 'node:child_process';
import { copyFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
rmSync('dist', { recursive: true, force: true });
execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
copyFileSync('src/tui/package.json', 'dist/tui/package.json');
console.log('built cli/dist');
