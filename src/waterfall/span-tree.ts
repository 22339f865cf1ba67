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

/** Walk states of a node in {@link cycleClosers}. */
const UNSEEN = 0;
const ON_PATH = 1;
const DONE = 2;

/**
 * Indexes (into `parentOf`) of the nodes whose parent link closes a cycle: in each cycle, the node that comes
 * last in the input. Every node has at most one parent, so each connected group holds at most one cycle, and
 * one walk up the parent links from every node, never walking a node twice, finds them all in linear time.
 *
 * Dropping exactly these links is what linking the nodes one by one in input order, refusing any link whose
 * parent is already below the node, would do: the links of a cycle are all accepted but the last one's, whose
 * parent by then reaches back to it; a node outside every cycle can never be reached from its own parent.
 */
function cycleClosers(parentOf: readonly (number | undefined)[]): Set<number> {
  const state = new Array<number>(parentOf.length).fill(UNSEEN);
  const closers = new Set<number>();
  const path: number[] = [];
  for (let start = 0; start < parentOf.length; start += 1) {
    let current: number | undefined = start;
    while (current !== undefined && state[current] === UNSEEN) {
      state[current] = ON_PATH;
      path.push(current);
      current = parentOf[current];
    }
    if (current !== undefined && state[current] === ON_PATH) {
      // The walk came back to a node of its own path: the path from there on is a cycle.
      let last = current;
      for (let i = path.length - 1; path[i] !== current; i -= 1) last = Math.max(last, path[i] ?? last);
      closers.add(last);
    }
    for (const index of path) state[index] = DONE;
    path.length = 0;
  }
  return closers;
}

/**
 * Returns the roots of the span tree, ordered by start time. A span whose parent is missing (a partial trace,
 * or a parent in another trace) is a root. Every span given is drawn exactly once, even from corrupt input:
 *
 * - Duplicate span ids (a backend that returns a span twice, or a broken exporter): the first occurrence is the
 *   one children attach to; a later one is drawn too, under its own parent (or as a root when that is missing),
 *   never with children, so no span disappears.
 * - Cycles of parent links: the link of the cycle's span that comes last in the input is dropped, which makes
 *   that span a root.
 *
 * Linear in the number of spans (plus the sorting of siblings), so a trace of any shape from an untrusted
 * backend costs the same per span.
 */
export function buildSpanTree(spans: readonly TraceSpan[]): SpanTreeNode[] {
  const nodes = spans.map((span): SpanTreeNode => ({ span, children: [] }));
  const firstWithId = new Map<string, number>();
  nodes.forEach((node, index) => {
    if (!firstWithId.has(node.span.spanId)) firstWithId.set(node.span.spanId, index);
  });
  const parentOf = nodes.map((node) => {
    const parentId = node.span.parentSpanId;
    return parentId === undefined ? undefined : firstWithId.get(parentId);
  });
  const closers = cycleClosers(parentOf);
  const roots: SpanTreeNode[] = [];
  nodes.forEach((node, index) => {
    const parent = closers.has(index) ? undefined : parentOf[index];
    const parentNode = parent === undefined ? undefined : nodes[parent];
    if (parentNode) parentNode.children.push(node);
    else roots.push(node);
  });
  for (const node of nodes) node.children.sort(byStart);
  return roots.sort(byStart);
}
