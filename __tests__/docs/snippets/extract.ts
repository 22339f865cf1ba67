/**
 * Finds the code blocks of a Markdown document that the snippet check type-checks, and the markers that exempt a block.
 *
 * A block is checked when its fence names TypeScript or JavaScript. A block that is not a program (an API listing,
 * code of an earlier release shown for comparison) is exempted only by an HTML comment on the line right before its
 * fence, `<!-- snippet: <kind> -->`, so that every exemption is visible in the document and states why.
 */

/** Why a block is exempt from the check; the only kinds a marker may name. */
export const SKIP_KINDS = {
  signatures: 'an API listing (signatures and member lists), not statements',
  obsolete: 'code of an earlier release, shown for comparison, that no longer compiles on purpose',
  fragment: 'a partial expression or statement that does not stand alone',
} as const;

export type SkipKind = keyof typeof SKIP_KINDS;

export type SnippetLanguage = 'ts' | 'js';

/** One checked (or explicitly exempted) code block of a document. */
export interface Snippet {
  /** The document's path relative to the repository root, e.g. `docs/setup.md`. */
  readonly doc: string;
  /** The 1-based line in the document of the block's first code line (the line after the opening fence). */
  readonly line: number;
  readonly language: SnippetLanguage;
  readonly code: string;
  /** Set when a marker exempts the block. */
  readonly skip?: SkipKind;
}

/** A marker the check cannot honour: an unknown kind, or no checked block right after it. */
export interface MarkerProblem {
  readonly doc: string;
  readonly line: number;
  readonly message: string;
}

const LANGUAGES: Record<string, SnippetLanguage> = { ts: 'ts', typescript: 'ts', js: 'js', javascript: 'js' };
const OPENING = /^\s*(`{3,}|~{3,})\s*([^\s`]*)/;
const MARKER = /^\s*<!--\s*snippet:\s*(\S+)\s*-->\s*$/;

/** The checked blocks of `text` (the content of `doc`) and the problems with its snippet markers. */
export function extractSnippets(doc: string, text: string): { snippets: Snippet[]; problems: MarkerProblem[] } {
  const lines = text.split('\n');
  const snippets: Snippet[] = [];
  const problems: MarkerProblem[] = [];
  const markersUsed = new Set<number>();
  for (let i = 0; i < lines.length; i++) {
    const opening = OPENING.exec(lines[i]!);
    if (!opening) continue;
    const fence = opening[1]!;
    // The closing fence uses the same character, at least as many times, and nothing else.
    const closing = new RegExp(`^\\s*${fence[0] === '`' ? '`' : '~'}{${fence.length},}\\s*$`);
    let end = i + 1;
    while (end < lines.length && !closing.test(lines[end]!)) end++;
    const language = LANGUAGES[opening[2]!.toLowerCase()];
    if (language) {
      const body = lines.slice(i + 1, end);
      const marker = i > 0 ? MARKER.exec(lines[i - 1]!) : null;
      const snippet: Snippet = { doc, line: i + 2, language, code: body.join('\n') };
      if (marker) {
        markersUsed.add(i - 1);
        const kind = marker[1]!;
        if (kind in SKIP_KINDS) snippets.push({ ...snippet, skip: kind as SkipKind });
        else problems.push({ doc, line: i, message: `unknown snippet marker "${kind}" (known: ${Object.keys(SKIP_KINDS).join(', ')})` });
      } else {
        snippets.push(snippet);
      }
    }
    i = end;
  }
  lines.forEach((line, index) => {
    if (MARKER.test(line) && !markersUsed.has(index)) {
      problems.push({ doc, line: index + 1, message: 'snippet marker not directly followed by a ts/js code block' });
    }
  });
  return { snippets, problems };
}
