/** Turns the span tree into the visible rows of a waterfall, honouring folded spans. */
import type { TraceSpan } from '../traces/span-model';
import type { SpanTreeNode } from './span-tree';

/** One visible row. */
export interface WaterfallRow {
  node: SpanTreeNode;
  span: TraceSpan;
  /** Nesting level; roots are 0. */
  depth: number;
  hasChildren: boolean;
  /** True when the span has children and they are hidden. */
  folded: boolean;
}

/**
 * Flattens the tree depth-first in display order. Descendants of a span whose id is in `folded` are left out;
 * the folded span itself stays visible so it can be unfolded.
 */
export function flattenTree(roots: readonly SpanTreeNode[], folded: ReadonlySet<string> = new Set()): WaterfallRow[] {
  const rows: WaterfallRow[] = [];
  // An explicit stack rather than recursion: a long chain of spans must not overflow the call stack.
  const stack: { node: SpanTreeNode; depth: number }[] = [...roots].reverse().map((node) => ({ node, depth: 0 }));
  for (let item = stack.pop(); item; item = stack.pop()) {
    const { node, depth } = item;
    const hasChildren = node.children.length > 0;
    const isFolded = hasChildren && folded.has(node.span.spanId);
    rows.push({ node, span: node.span, depth, hasChildren, folded: isFolded });
    if (isFolded) continue;
    for (let i = node.children.length - 1; i >= 0; i -= 1) {
      const child = node.children[i];
      if (child) stack.push({ node: child, depth: depth + 1 });
    }
  }
  return rows;
}
