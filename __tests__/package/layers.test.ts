import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * The core (QueueOtel, propagation, sampling, sanitizing, the vocabulary, the hook installer) imports no add-on
 * folder: add-ons attach through TelemetryObserver and ObservationHost, never the other way round.
 */
const src = join(__dirname, '..', '..', 'src');
const CORE = ['telemetry', 'propagation', 'sampling', 'sanitize', 'vocabulary', 'options', 'hooks'];
const ADD_ONS = ['exemplars', 'health', 'observer', 'store', 'setup', 'export', 'config', 'traces', 'waterfall', 'links', 'terminal', 'peers', 'entries'];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
  });
}

test('no core module imports an add-on folder', () => {
  const offending: string[] = [];
  for (const folder of CORE) {
    for (const file of files(join(src, folder))) {
      for (const match of readFileSync(file, 'utf8').matchAll(/from '\.\.\/([a-z-]+)/g)) {
        if (ADD_ONS.includes(match[1]!)) offending.push(`${relative(src, file)} -> ${match[1]}`);
      }
    }
  }
  expect(offending).toEqual([]);
});

test('the vocabulary and the option-name checks are leaves: they import nothing', () => {
  for (const file of [...files(join(src, 'vocabulary')), ...files(join(src, 'options'))]) {
    const imports = [...readFileSync(file, 'utf8').matchAll(/^import .* from '([^']+)'/gm)].map((m) => m[1]).filter((p) => !p!.startsWith('./'));
    expect({ file: relative(src, file), imports }).toEqual({ file: relative(src, file), imports: [] });
  }
});

test("values of @opentelemetry/api are read through src/otel-api (the API's own exports are slow to read); types come from the API", () => {
  const offending: string[] = [];
  for (const file of files(src)) {
    if (relative(src, file).startsWith('otel-api')) continue;
    for (const match of readFileSync(file, 'utf8').matchAll(/^import (?!type )[^;]*? from '@opentelemetry\/api';/gms)) {
      offending.push(`${relative(src, file)}: ${match[0].split('\n')[0]}`);
    }
  }
  expect(offending).toEqual([]);
  // The rule is in force: the library's value imports of the API go through the module (about thirty files).
  const throughModule = files(src).filter((file) => /from '\.\.?\/(\.\.\/)*otel-api'/.test(readFileSync(file, 'utf8')));
  expect(throughModule.length).toBeGreaterThan(20);
});
