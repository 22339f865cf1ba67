#!/usr/bin/env node
// The relative links of a package's packed Markdown files that point at a file the tarball does not hold: the
// README on npmjs.com and the docs in node_modules link to `../deploy/...` or `../docs/tui.md` that exist only in
// this repository. `node scripts/packed-links.mjs [package dir]` lists them and exits 1 (the root's prepack and
// cli/scripts/check-pack.mjs run it, so such a tarball is not made); `brokenLinks` is the check itself.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, posix, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The link targets of a Markdown text: inline links and images (`[text](target "title")`, `<target>`) and reference
 * definitions (`[id]: target`), outside fenced code blocks and inline code, where a `](x)` is code, not a link.
 */
export function markdownLinks(text) {
  const prose = text.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '').replace(/(`+)[^`]*?\1/g, '');
  const inline = [...prose.matchAll(/\]\(\s*(<[^>]*>|[^)\s]+)(?:\s+(?:"[^"]*"|'[^']*'))?\s*\)/g)].map((match) => match[1]);
  const references = [...prose.matchAll(/^ {0,3}\[[^\]]+\]:\s*(<[^>]*>|\S+)/gm)].map((match) => match[1]);
  return [...inline, ...references].map((target) => target.replace(/^<|>$/g, ''));
}

/**
 * `{ file, target }` for every relative link in the packed `.md` files (paths as npm lists them, relative to the
 * package) whose file is not packed; `read(path)` gives a packed file's text. A link to a folder counts when some
 * packed file is in it; a link with a scheme (`https:`, `mailto:`) or to an anchor of the same page is not checked.
 */
export function brokenLinks(files, read) {
  const packed = new Set(files);
  const broken = [];
  for (const file of files.filter((path) => /\.md$/i.test(path))) {
    for (const target of markdownLinks(read(file))) {
      if (/^[a-z][a-z\d+.-]*:/i.test(target) || target.startsWith('#') || target.startsWith('//')) continue;
      const path = posix.normalize(posix.join(posix.dirname(file), decodeURI(target.replace(/[?#].*$/, '')))).replace(/\/$/, '');
      const inside = !path.startsWith('../') && path !== '..';
      if (!inside || !(packed.has(path) || files.some((name) => name.startsWith(`${path}/`)))) broken.push({ file, target });
    }
  }
  return broken;
}

/** The files `npm pack` would put in the tarball of the package in `dir` (its scripts not run: no prepack loop). */
export function packedFiles(dir) {
  const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return JSON.parse(out)[0].files.map((entry) => entry.path);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = resolve(process.argv[2] ?? '.');
  const broken = brokenLinks(packedFiles(dir), (path) => readFileSync(join(dir, path), 'utf8'));
  if (broken.length > 0) {
    const name = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).name;
    console.error(`${name}: links of its packed docs to files the tarball does not hold:\n` +
      broken.map(({ file, target }) => `  ${file}: ${target}`).join('\n') +
      '\nship the file (package.json "files") or link to one that is shipped');
    process.exit(1);
  }
}
