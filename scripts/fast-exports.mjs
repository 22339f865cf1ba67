// Keeps the exports objects of tsc's CommonJS output in V8's fast mode (see withoutReexportedPreamble).
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** `Object.defineProperty(exports, "a", { enumerable: true, get: ...`: how tsc re-exports a name. */
const REEXPORT = /^Object\.defineProperty\(exports, "([^"]+)", \{ enumerable: true, get: function \(\) \{ return /gm;
/** `exports.a = exports.b = void 0;`: tsc's declaration of every exported name, before the module body runs. */
const PREAMBLE = /^((?:exports\.[A-Za-z_$][\w$]* = )+)void 0;\n/gm;

/**
 * tsc compiles `export { a } from './x'` to `exports.a = void 0;` and, further down, `Object.defineProperty(exports,
 * "a", { get })`. Turning a data property into an accessor puts the exports object into V8's dictionary mode, where
 * every `barrel_1.a` the library reads is an uncached lookup plus a getter call (a generic LoadIC, about 150
 * instructions), on every span. Re-exported names are dropped from the `void 0` line: they are defined a few lines
 * below, before anything but a require cycle could read them, and such a read finds `undefined` either way.
 * An emptied line stays, as an empty line: the source map's line numbers hold. Returns the source unchanged when it
 * re-exports nothing.
 */
export function withoutReexportedPreamble(source) {
  const reexported = new Set([...source.matchAll(REEXPORT)].map((match) => match[1]));
  if (reexported.size === 0) return source;
  return source.replace(PREAMBLE, (_line, assignments) => {
    const kept = assignments
      .split(' = ')
      .filter((assignment) => assignment !== '')
      .map((assignment) => assignment.slice('exports.'.length))
      .filter((name) => !reexported.has(name));
    return kept.length === 0 ? '\n' : `${kept.map((name) => `exports.${name} = `).join('')}void 0;\n`;
  });
}

/** Applies {@link withoutReexportedPreamble} to every `.js` file under `dir`; returns how many changed. */
export function keepExportsFast(dir) {
  let changed = 0;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      changed += keepExportsFast(path);
    } else if (name.endsWith('.js')) {
      const source = readFileSync(path, 'utf8');
      const rewritten = withoutReexportedPreamble(source);
      if (rewritten === source) continue;
      writeFileSync(path, rewritten);
      changed += 1;
    }
  }
  return changed;
}
