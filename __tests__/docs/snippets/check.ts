import { dirname, join, relative } from 'node:path';
import ts from 'typescript';
import type { Snippet } from './extract';
import { preambleFor, UNINSTALLED_PACKAGES } from './preamble';

/** One compiler diagnostic, located in the document the snippet comes from. */
export interface SnippetProblem {
  readonly doc: string;
  /** The 1-based line in the document. */
  readonly line: number;
  readonly message: string;
}

/**
 * The noImplicitAny family (TS7005, TS7006, TS7031 ...): a JavaScript user's parameters carry no types, so for a
 * JavaScript snippet only the calls it makes are checked, not the annotations it cannot have.
 */
function isImplicitAny(diagnostic: ts.Diagnostic): boolean {
  return diagnostic.code >= 7000 && diagnostic.code < 8000;
}

/**
 * Type-checks `snippets` as files of a user's project inside the repository: each snippet is a virtual module under
 * `<root>/.tmp/doc-snippets/` (never written to disk), an ES module for TypeScript (`.mts`: top-level await, as in an
 * ESM application) and CommonJS for JavaScript (`.cjs`: `require`), compiled with the repository's tsconfig.json, so
 * `queue-otel/...` resolves through package.json `exports` with the `source` condition exactly as examples/ do. One
 * program for all snippets: the library's sources are checked once, which keeps this a few seconds.
 */
export function checkSnippets(root: string, snippets: readonly Snippet[]): SnippetProblem[] {
  // The compiler asks for paths with forward slashes on every platform.
  const folder = join(root, '.tmp', 'doc-snippets').replace(/\\/g, '/');
  const virtual = new Map<string, { text: string; snippet?: Snippet }>();
  snippets.forEach((snippet, index) => {
    const name = `${snippet.doc.replace(/[^A-Za-z0-9]+/g, '-')}-L${snippet.line}-${index}.${snippet.language === 'ts' ? 'mts' : 'cjs'}`;
    const preamble = preambleFor(snippet.code, snippet.language);
    // The preamble comes after the code, so line N of the file is line N of the snippet.
    const text = preamble ? `${snippet.code}\n// --- preamble added by the snippet check ---\n${preamble}\n` : `${snippet.code}\n`;
    virtual.set(`${folder}/${name}`, { text, snippet });
  });
  const stubs = `${folder}/uninstalled-packages.d.ts`;
  virtual.set(stubs, { text: UNINSTALLED_PACKAGES });

  const config = ts.readConfigFile(join(root, 'tsconfig.json'), ts.sys.readFile);
  if (config.error) throw new Error(ts.flattenDiagnosticMessageText(config.error.messageText, '\n'));
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, root);
  const options: ts.CompilerOptions = {
    ...parsed.options,
    noEmit: true,
    allowJs: true,
    checkJs: true,
    // A user's program: Node's types, not the test runner's globals.
    types: ['node'],
  };
  const host = ts.createCompilerHost(options, true);
  const { fileExists, readFile, getSourceFile, directoryExists } = host;
  host.fileExists = (path) => virtual.has(path) || fileExists.call(host, path);
  host.readFile = (path) => virtual.get(path)?.text ?? readFile.call(host, path);
  host.directoryExists = (path) => path === folder || path === dirname(folder).replace(/\\/g, '/') || (directoryExists?.call(host, path) ?? ts.sys.directoryExists(path));
  host.getSourceFile = (path, language, onError, create) => {
    const file = virtual.get(path);
    if (file) return ts.createSourceFile(path, file.text, language);
    return getSourceFile.call(host, path, language, onError, create);
  };
  const program = ts.createProgram({ rootNames: [...virtual.keys()], options, host });

  const problems: SnippetProblem[] = [];
  for (const diagnostic of program.getOptionsDiagnostics()) {
    problems.push({ doc: 'tsconfig.json', line: 0, message: ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n') });
  }
  for (const [path, { snippet }] of virtual) {
    const file = program.getSourceFile(path);
    if (!file) throw new Error(`the program did not load ${relative(root, path)}`);
    // A block that does not parse is reported by its syntax errors alone: the type errors that follow add only noise.
    const syntactic = program.getSyntacticDiagnostics(file);
    const hint = syntactic.length > 0 && snippet ? ' (not a program? mark the block, see SKIP_KINDS in __tests__/docs/snippets/extract.ts)' : '';
    for (const diagnostic of syntactic.length > 0 ? syntactic : program.getSemanticDiagnostics(file)) {
      if (snippet?.language === 'js' && isImplicitAny(diagnostic)) continue;
      const at = diagnostic.start === undefined ? 0 : file.getLineAndCharacterOfPosition(diagnostic.start).line;
      const message = `TS${diagnostic.code}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`;
      if (!snippet) {
        problems.push({ doc: relative(root, path), line: at + 1, message });
        continue;
      }
      const codeLines = snippet.code.split('\n').length;
      // A diagnostic in the appended preamble still belongs to the snippet (e.g. an import it needs that is gone).
      const where = at < codeLines ? snippet.line + at : snippet.line;
      problems.push({ doc: snippet.doc, line: where, message: at < codeLines ? `${message}${hint}` : `${message} (in the preamble the check adds)` });
    }
  }
  return problems;
}
