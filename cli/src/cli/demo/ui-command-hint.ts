/**
 * The command the headless demo prints to open the UI: one that works where the user is. In a clone the
 * demo runs from the TypeScript sources and `queue-otel` is not on PATH (only `npm run tui` is); an installed
 * CLI has its `queue-otel` command on PATH when installed globally, and `npx queue-otel-cli` otherwise (npx runs
 * a locally installed copy, or fetches the package: `npx queue-otel` would fetch the library, which has no command).
 */
import { accessSync, constants } from 'node:fs';
import { delimiter, join, relative, resolve } from 'node:path';

/** Where the demo runs, as far as the hint depends on it. */
export interface HintPlace {
  /** The demo runs from the repository's TypeScript sources (`npm run demo`). */
  fromSources: boolean;
  /** The repository's root (where `npm run tui` is defined), when running from sources. */
  repoRoot?: string | undefined;
  /** The user's working directory. */
  cwd: string;
  /** A `queue-otel` executable is on PATH. */
  onPath: boolean;
}

/**
 * The command line that opens the UI on `redisUrl` from `place`, with the demo's prefixes where they are not the
 * defaults (a UI on the default ones would show none of the demo's queues or traces).
 */
export function uiCommandHint(place: HintPlace, redisUrl: string, prefixes: { bullPrefix: string; keyPrefix: string } = { bullPrefix: 'bull', keyPrefix: 'qo' }): string {
  const options = [`--redis ${redisUrl}`,
    ...(prefixes.bullPrefix === 'bull' ? [] : [`--prefix ${shellWord(prefixes.bullPrefix)}`]),
    ...(prefixes.keyPrefix === 'qo' ? [] : [`--key-prefix ${shellWord(prefixes.keyPrefix)}`])].join(' ');
  if (place.fromSources) {
    const command = `npm run tui -- ${options}`;
    // npm runs the scripts of the nearest package.json: in cli/ or elsewhere that is not the root's.
    const root = place.repoRoot;
    if (root === undefined || resolve(place.cwd) === resolve(root)) return command;
    return `cd ${shellWord(relative(place.cwd, root))} && ${command}`;
  }
  return `${place.onPath ? 'queue-otel' : 'npx queue-otel-cli'} tui ${options}`;
}

/** `path` (or a prefix) as one shell word: quoted when it holds anything but the usual path characters. */
function shellWord(path: string): string {
  return /^[\w./-]+$/.test(path) ? path : `'${path.replace(/'/g, "'\\''")}'`;
}

/** True when an executable `name` is in one of the PATH directories. */
export function onPath(name: string, path = process.env.PATH ?? ''): boolean {
  const names = process.platform === 'win32' ? [`${name}.cmd`, `${name}.exe`, name] : [name];
  return path.split(delimiter).filter(Boolean).some((dir) => names.some((file) => {
    try {
      accessSync(join(dir, file), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  }));
}

/** Where this process runs (this file is `cli/src/cli/demo/` in the sources, `cli/dist/cli/demo/` when built). */
export function currentPlace(): HintPlace {
  const fromSources = __filename.endsWith('.ts');
  return {
    fromSources,
    repoRoot: fromSources ? resolve(__dirname, '..', '..', '..', '..') : undefined,
    // npm runs a script in the package's root and keeps the directory the user typed it in as INIT_CWD.
    cwd: process.env.INIT_CWD ?? process.cwd(),
    onPath: !fromSources && onPath('queue-otel'),
  };
}
