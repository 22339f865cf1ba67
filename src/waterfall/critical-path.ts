/** The critical path: the chain of spans that determines when the trace finishes. */
import type { SpanTreeNode } from './span-tree';

/** One span on the critical path, with its interval cut to its parent's. */
export interface CriticalSegment {
  spanId: string;
  startUs: number;
  endUs: number;
}

/**
 * From `root`, repeatedly follows the child that ends last, each child's interval cut to its parent's (a child
 * that outlives its parent does not extend the parent). Children with nothing left after the cut (for example
 * a consumer that starts after its producer ended) cannot delay the parent and are skipped. Ties go to the
 * child that starts later, the one nearer the end.
 */
export function criticalPath(root: SpanTreeNode): CriticalSegment[] {
  const path: CriticalSegment[] = [{ spanId: root.span.spanId, startUs: root.span.startUs, endUs: root.span.endUs }];
  let node = root;
  let window = path[0] as CriticalSegment;
  for (;;) {
    let best: { node: SpanTreeNode; segment: CriticalSegment } | undefined;
    for (const child of node.children) {
      const startUs = Math.max(child.span.startUs, window.startUs);
      const endUs = Math.min(child.span.endUs, window.endUs);
      if (endUs <= startUs) continue;
      if (!best || endUs > best.segment.endUs || (endUs === best.segment.endUs && startUs > best.segment.startUs)) {
        best = { node: child, segment: { spanId: child.span.spanId, startUs, endUs } };
      }
    }
    if (!best) return path;
    path.push(best.segment);
    node = best.node;
    window = best.segment;
  }
}

/** The ids of every span on the critical path of each root (partial traces have several roots). */
export function criticalPathIds(roots: readonly SpanTreeNode[]): Set<string> {
  return new Set(roots.flatMap((root) => criticalPath(root).map((segment) => segment.spanId)));
}
