/** Builds the parent/child tree a waterfall draws from a flat, possibly incomplete list of spans. */
import type { TraceSpan } from '../traces/span-model';

/** One span and its children, ordered by start time. */
export interface SpanTreeNode {
  span: TraceSpan;
  children: SpanTreeNode[];
}

function byStart(a: SpanTreeNode, b: SpanTreeNode): number {
  return a.span.startUs - b.span.startUs;
}

/** True when `ancestor` is `node` or one of its already-linked ancestors. */
function isAncestorOrSelf(node: SpanTreeNode, ancestor: SpanTreeNode, parents: Map<SpanTreeNode, SpanTreeNode>): boolean {
  for (let current: SpanTreeNode | undefined = node; current; current = parents.get(current)) {
    if (current === ancestor) return true;
  }
  return false;
}

/**
 * Returns the roots of the span tree, ordered by start time. A span whose parent is missing (a partial trace,
 * or a parent in another trace) is a root. Duplicate span ids keep their first occurrence; a parent link that
 * would close a cycle is dropped, which makes that span a root, so corrupt input still draws every span once.
 */
export function buildSpanTree(spans: readonly TraceSpan[]): SpanTreeNode[] {
  const nodes = new Map<string, SpanTreeNode>();
  for (const span of spans) {
    if (!nodes.has(span.spanId)) nodes.set(span.spanId, { span, children: [] });
  }
  const parents = new Map<SpanTreeNode, SpanTreeNode>();
  const roots: SpanTreeNode[] = [];
  for (const node of nodes.values()) {
    const parentId = node.span.parentSpanId;
    const parent = parentId === undefined ? undefined : nodes.get(parentId);
    // The links made so far form a forest, so checking against them is enough to keep it one.
    if (parent && !isAncestorOrSelf(parent, node, parents)) {
      parents.set(node, parent);
      parent.children.push(node);
    } else {
      roots.push(node);
    }
  }
  for (const node of nodes.values()) node.children.sort(byStart);
  return roots.sort(byStart);
}
