import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkSnippets } from './snippets/check';
import type { SnippetProblem } from './snippets/check';
import { extractSnippets } from './snippets/extract';
import type { MarkerProblem, Snippet } from './snippets/extract';

/**
 * Every TypeScript/JavaScript block of the documents users copy from compiles against the public API, as a file of
 * their own would: `queue-otel/...` imports resolve through package.json `exports` (the `source` condition), with
 * the repository's strict tsconfig. A block that is not a program carries `<!-- snippet: <kind> -->` on the line
 * before its fence (kinds in ./snippets/extract.ts); free variables such as `connection` come from
 * ./snippets/preamble.ts. All blocks are compiled as one program, once.
 */
const root = join(__dirname, '..', '..');
const documents = ['README.md', 'cli/README.md', ...readdirSync(join(root, 'docs')).filter((name) => name.endsWith('.md')).map((name) => `docs/${name}`)];

/** Snippets with a known drift, compiled with the real ones: the check must name their document, line and error. */
const drifted: Snippet[] = [
  { doc: 'drifted.md', line: 10, language: 'ts', code: "import { setupTracing } from 'queue-otel/setup';\n\nsetupTracing({ serviceNme: 'mailer' });" },
  { doc: 'drifted.md', line: 20, language: 'ts', code: "import { loadConfig } from 'queue-otel';\nloadConfig('queue-otel.yml');" },
  { doc: 'drifted.md', line: 30, language: 'js', code: "const { QueueOtel } = require('queue-otel');\nnew QueueOtel({ unsampledJobs: 'sometimes' });" },
];

const extracted = documents.map((doc) => ({ doc, ...extractSnippets(doc, readFileSync(join(root, doc), 'utf8')) }));
const checked = extracted.flatMap(({ snippets }) => snippets.filter((snippet) => snippet.skip === undefined));
let problems: SnippetProblem[] = [];

beforeAll(() => {
  problems = checkSnippets(root, [...checked, ...drifted]);
});

const located = (problem: SnippetProblem | MarkerProblem): string => `${problem.doc}:${problem.line} ${problem.message}`;

test('the documents have ts/js blocks to check, and every exemption marker names a known kind before a block', () => {
  // A floor, not an exact count: it catches an extractor that silently finds nothing.
  expect(checked.length).toBeGreaterThanOrEqual(30);
  expect(extracted.flatMap(({ problems: markerProblems }) => markerProblems).map(located)).toEqual([]);
});

test.each(documents)('%s: every ts/js block compiles against the public API', (doc) => {
  expect(problems.filter((problem) => problem.doc === doc).map(located)).toEqual([]);
});

test('a drifted snippet fails with its document, its line in the document and the diagnostic', () => {
  const reported = problems.filter((problem) => problem.doc === 'drifted.md').map(located);
  expect(reported).toEqual([
    expect.stringMatching(/^drifted\.md:12 TS2561: .*'serviceNme' does not exist in type 'SetupTracingOptions'/),
    expect.stringMatching(/^drifted\.md:20 TS2305: Module '"queue-otel"' has no exported member 'loadConfig'/),
    expect.stringMatching(/^drifted\.md:31 TS2322: Type '"sometimes"' is not assignable/),
  ]);
});
