/**
 * The terminal-facing code has one way each to print: the CLI through cli/src/cli/output.ts (which escapes every
 * control character but the line feed), the UI through the `Text` wrapper of cli/src/tui/components/text.tsx
 * (which escapes every string child). A file that printed around them would print job data raw: these tests
 * keep the choke points the only paths.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

const SRC = join(__dirname, '..', '..', 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

const rel = (path: string): string => relative(SRC, path).split(sep).join('/');

/** The names a file imports as values (not `import type`) from ink, and whether it imports ink as a whole. */
function inkImports(source: string): { names: string[]; whole: boolean } {
  const names = [...source.matchAll(/import\s+(type\s+)?\{([^}]*)\}\s*from\s*'ink'/g)]
    .filter((match) => match[1] === undefined)
    .flatMap((match) => (match[2] ?? '').split(','))
    .map((name) => name.trim())
    .filter((name) => name !== '' && !name.startsWith('type '));
  return { names, whole: /import\s+(?:\*\s+as\s+)?\w+\s+from\s*'ink'/.test(source) };
}

/** Demo children: separate processes whose stderr the demo reads and reports through cli/src/cli/output.ts. */
const CHILD_PROCESSES = new Set(['cli/demo/demo-producer.ts', 'cli/demo/demo-worker.ts']);

it("no UI file but the Text wrapper draws with ink's Text or Transform", () => {
  const offenders = sourceFiles(join(SRC, 'tui'))
    .filter((file) => rel(file) !== 'tui/components/text.tsx')
    .filter((file) => {
      const { names, whole } = inkImports(readFileSync(file, 'utf8'));
      return whole || names.some((name) => /^(?:Text|Transform)\b/.test(name));
    })
    .map(rel);
  expect(offenders).toEqual([]);
});

it('no CLI or UI file writes to stdout or stderr itself but cli/src/cli/output.ts', () => {
  const files = [...sourceFiles(join(SRC, 'cli')), ...sourceFiles(join(SRC, 'tui'))];
  const offenders = files
    .filter((file) => rel(file) !== 'cli/output.ts' && !CHILD_PROCESSES.has(rel(file)))
    .filter((file) => /process\.(?:stdout|stderr)\.write\b|console\.(?:log|info|warn|error)\b/.test(readFileSync(file, 'utf8')))
    .map(rel);
  expect(offenders).toEqual([]);
});
