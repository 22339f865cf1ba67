import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { ENTRY_PEERS } from '../../src/peers/require-peers';
import { ensureBuilt, root } from './built-library';

/**
 * An application bundles queue-otel (esbuild, as webpack would) without the optional peers it does not use: the
 * bundle builds and runs. A `require` of an optional peer outside a `try` fails such a build with "Could not resolve"
 * (esbuild and webpack treat one inside a `try` as optional).
 */
const pkg = require(join(root, 'package.json')) as { peerDependenciesMeta: Record<string, { optional?: boolean }> };
const OPTIONAL = Object.keys(pkg.peerDependenciesMeta).filter((name) => pkg.peerDependenciesMeta[name]?.optional);

let app: string;

beforeAll(() => {
  ensureBuilt();
  app = mkdtempSync(join(tmpdir(), 'queue-otel-bundle-'));
}, 240_000);

afterAll(() => {
  if (app) rmSync(app, { recursive: true, force: true });
});

/**
 * An application directory whose node_modules holds a copy of the built queue-otel and links to the repository's
 * packages but for the optional peers not in `keep`. The copy matters: from the repository's own dist/ every peer
 * resolves (its node_modules has them all).
 */
function appWith(name: string, keep: readonly string[]): string {
  const dir = join(app, name);
  const modules = join(dir, 'node_modules');
  const absent = new Set(OPTIONAL.filter((peer) => !keep.includes(peer)));
  mkdirSync(modules, { recursive: true });
  for (const entry of readdirSync(join(root, 'node_modules'))) {
    if (entry === 'queue-otel' || entry === '.bin' || entry.startsWith('.')) continue;
    if (entry.startsWith('@')) {
      mkdirSync(join(modules, entry));
      for (const scoped of readdirSync(join(root, 'node_modules', entry))) {
        if (!absent.has(`${entry}/${scoped}`)) symlinkSync(join(root, 'node_modules', entry, scoped), join(modules, entry, scoped));
      }
    } else if (!absent.has(entry)) {
      symlinkSync(join(root, 'node_modules', entry), join(modules, entry));
    }
  }
  mkdirSync(join(modules, 'queue-otel'));
  cpSync(join(root, 'package.json'), join(modules, 'queue-otel', 'package.json'));
  cpSync(join(root, 'dist'), join(modules, 'queue-otel', 'dist'), { recursive: true });
  return dir;
}

/** Bundles `source` (an app.js in `dir`) for Node and runs the bundle; resolves with its exit status and output. */
async function bundleAndRun(dir: string, source: string): Promise<{ status: number | null; stdout: string; stderr: string }> {
  writeFileSync(join(dir, 'app.js'), source);
  await build({ entryPoints: [join(dir, 'app.js')], bundle: true, platform: 'node', outfile: join(dir, 'out.js'), logLevel: 'silent' });
  // Run from elsewhere: the bundle must not need the application's node_modules for what it bundled.
  const run = spawnSync(process.execPath, [join(dir, 'out.js')], { cwd: dir, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

test('the root entry bundles without any optional peer, and the exception-logs opt-in then warns instead of failing', async () => {
  const dir = appWith('root', []);
  const result = await bundleAndRun(
    dir,
    `process.env.OTEL_SEMCONV_EXCEPTION_SIGNAL_OPT_IN = 'logs';
const { QueueOtel } = require('queue-otel');
const warnings = [];
new QueueOtel({ logger: (message) => warnings.push(message) });
console.log(JSON.stringify(warnings));
`,
  );
  expect(result).toMatchObject({ status: 0, stderr: '' });
  const warnings = JSON.parse(result.stdout) as string[];
  expect(warnings).toEqual([expect.stringContaining('@opentelemetry/api-logs is not installed')]);
}, 120_000);

const entries = Object.entries(ENTRY_PEERS).map(([entry, peers]) => [entry, Object.keys(peers)] as const);

test.each([...entries, ['export', []] as const, ['traces', []] as const])(
  'queue-otel/%s bundles with only the optional peers it needs',
  async (entry, peers) => {
    const dir = appWith(entry, peers);
    // The subpath's own import only: what it exports is exercised by its own tests.
    const result = await bundleAndRun(dir, `require('queue-otel/${entry}');\nconsole.log('loaded');\n`);
    expect(result).toMatchObject({ status: 0, stdout: 'loaded\n' });
  },
  120_000,
);
