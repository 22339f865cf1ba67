/**
 * The CLI package uses the library as its users do: by package name (`queue-otel`, `queue-otel/store` ...), never
 * by a path into the library's files. A relative import that leaves cli/src would work in this repository and break
 * in the published package, where the library's sources are not next to the CLI's.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

const CLI_SRC = join(__dirname, '..', '..', 'src');
const LIBRARY_PACKAGE = join(__dirname, '..', '..', '..', 'package.json');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** Every module specifier of a file: static imports and re-exports, dynamic import(), require(). */
function specifiersOf(source: string): string[] {
  const patterns = [/\bfrom\s*'([^']+)'/g, /\bimport\s*'([^']+)'/g, /\bimport\(\s*'([^']+)'\s*\)/g, /\brequire\(\s*'([^']+)'\s*\)/g];
  return patterns.flatMap((pattern) => [...source.matchAll(pattern)].map((match) => match[1] ?? ''));
}

const rel = (path: string): string => relative(CLI_SRC, path).split(sep).join('/');

it('finds the CLI sources it checks', () => {
  expect(sourceFiles(CLI_SRC).map(rel)).toEqual(expect.arrayContaining(['cli/main.ts', 'tui/run-tui.tsx', 'dev/embedded-redis.ts']));
});

/** The CLI file a relative specifier names (TypeScript's `.js` for `.ts`, folders by their index), if there is one. */
function cliFileFor(from: string, specifier: string): string | undefined {
  const base = resolve(dirname(from), specifier).replace(/\.js$/, '');
  const candidates = [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')];
  return candidates.find((path) => !relative(CLI_SRC, path).startsWith('..') && existsSync(path) && statSync(path).isFile());
}

it('every relative import of a CLI source is a file of cli/src', () => {
  const offenders = sourceFiles(CLI_SRC).flatMap((file) => specifiersOf(readFileSync(file, 'utf8'))
    .filter((specifier) => specifier.startsWith('.') || specifier.startsWith('/'))
    .filter((specifier) => cliFileFor(file, specifier) === undefined)
    .map((specifier) => `${rel(file)}: ${specifier}`));
  expect(offenders).toEqual([]);
});

it('every library import of the CLI names an entry point the library exports', () => {
  const { exports } = JSON.parse(readFileSync(LIBRARY_PACKAGE, 'utf8')) as { exports: Record<string, unknown> };
  const offenders = sourceFiles(CLI_SRC).flatMap((file) => specifiersOf(readFileSync(file, 'utf8'))
    .filter((specifier) => specifier === 'queue-otel' || specifier.startsWith('queue-otel/'))
    .filter((specifier) => !(`.${specifier.slice('queue-otel'.length)}` in exports))
    .map((specifier) => `${rel(file)}: ${specifier}`));
  expect(offenders).toEqual([]);
});
