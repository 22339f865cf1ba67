/**
 * The critical path of a trace along the job's real path. A queued job's spans do not nest in time: the
 * producer's request ends long before the job is processed, and a retried job's attempts follow each other
 * with a backoff between them. Following only children inside their parent's time (the classic critical
 * path) stops at the enqueue and leaves out all processing. Here the path is walked back from the span that
 * ends last: each step goes to what finished just before the current span started (the previous attempt, the
 * queue wait, the send), or to its parent when nothing did; inside each span on the path, the children that
 * end last. Gaps between attempts of one job are on the path too (their backoff).
 */
import { buildSpanTree, criticalPath } from 'queue-otel/traces';
import type { SpanTreeNode, TraceSpan } from 'queue-otel/traces';
import { attemptGaps, jobKeyOfSpan } from '../../timing/job-timing.js';
import type { AttemptGap } from '../../timing/job-timing.js';

/** The backoff part of a gap between attempts, µs, when the job's backoff option tells it. */
export type GapBackoff = (gap: AttemptGap) => number | undefined;

/** Clock skew allowed between a span's end and the start of the one it led to (workers and producer differ). */
const TOLERANCE_US = 1000;
/**
 * The same between an attempt and what came before it in its own job (its wait span, its previous attempt): the
 * wait span ends at BullMQ's `processedOn`, in milliseconds of Redis' clock, the attempt starts on the worker's.
 */
const SAME_JOB_TOLERANCE_US = 25_000;

/** Where the time on the critical path went, µs. */
export interface CriticalBreakdown {
  /** `wait {queue}` spans, and between attempts the time queued after the backoff: queued. */
  waitUs: number;
  /** `process {queue}` spans: processing. */
  processUs: number;
  /** Between attempts: the backoff (all of the gap when the job's backoff option is not known). */
  backoffUs: number;
  /** Everything else on the path (the request before the enqueue, the send, the application's own spans). */
  otherUs: number;
}

/** The spans and attempt gaps on the path, and the time per kind. */
export interface JobCriticalPath {
  /** Span ids and gap row ids (`gap:…` and `gap:…:wait`, see waterfall-rows.ts). */
  ids: Set<string>;
  breakdown: CriticalBreakdown;
}

function indexTree(roots: readonly SpanTreeNode[]): Map<string, SpanTreeNode> {
  const nodes = new Map<string, SpanTreeNode>();
  const stack = [...roots];
  for (let node = stack.pop(); node; node = stack.pop()) {
    nodes.set(node.span.spanId, node);
    // One by one: spreading a node's children into push() overflows the stack for a node with ~100,000 of them.
    for (const child of node.children) stack.push(child);
  }
  return nodes;
}

/** Latest end first, then latest start: the order in which a step prefers what ended before it. */
function laterFirst(a: SpanTreeNode, b: SpanTreeNode): number {
  return b.span.endUs - a.span.endUs || b.span.startUs - a.span.startUs;
}

/**
 * Spans sorted by {@link laterFirst}, to find the one that ended last before a time by a binary search and a short
 * scan, instead of looking at every span for every step of the path: a trace of thousands of sequential spans (a
 * backend may send any number) took seconds to minutes that way.
 */
class LatestEnded {
  private readonly sorted: SpanTreeNode[];

  constructor(nodes: Iterable<SpanTreeNode>) {
    this.sorted = [...nodes].sort(laterFirst);
  }

  /** The first node in {@link laterFirst} order that ends by `endByUs`, starts before `startBeforeUs` and is `accept`ed. */
  find(endByUs: number, startBeforeUs: number, accept: (node: SpanTreeNode) => boolean): SpanTreeNode | undefined {
    const { sorted } = this;
    let low = 0;
    let high = sorted.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((sorted[middle] as SpanTreeNode).span.endUs > endByUs) low = middle + 1;
      else high = middle;
    }
    for (let i = low; i < sorted.length; i += 1) {
      const candidate = sorted[i] as SpanTreeNode;
      if (candidate.span.startUs < startBeforeUs && accept(candidate)) return candidate;
    }
    return undefined;
  }
}

/** The path of `spans` (empty for no spans); `backoffOf` splits a gap between attempts into backoff and wait. */
export function jobCriticalPath(spans: readonly TraceSpan[], backoffOf: GapBackoff = () => undefined): JobCriticalPath {
  const ids = new Set<string>();
  const breakdown: CriticalBreakdown = { waitUs: 0, processUs: 0, backoffUs: 0, otherUs: 0 };
  if (spans.length === 0) return { ids, breakdown };
  const nodes = indexTree(buildSpanTree(spans));
  const gaps = new Map(attemptGaps(spans).map((gap) => [gap.afterSpanId, gap]));
  const everything = new LatestEnded(nodes.values());
  // Each job's attempts and wait spans apart, so an attempt finds its own job's previous step directly.
  const byJob = new Map<string, SpanTreeNode[]>();
  for (const node of nodes.values()) {
    const key = jobKeyOfSpan(node.span);
    if (key === undefined) continue;
    const list = byJob.get(key);
    if (list) list.push(node);
    else byJob.set(key, [node]);
  }
  const ofJob = new Map([...byJob].map(([key, list]) => [key, new LatestEnded(list)]));
  const last = [...nodes.values()].reduce((a, b) => (b.span.endUs > a.span.endUs || (b.span.endUs === a.span.endUs && b.span.startUs > a.span.startUs) ? b : a));
  // The time each step accounts for: from where the next (earlier) step ends to the current one's end.
  let limitUs = last.span.endUs;
  const notOnPath = (candidate: SpanTreeNode): boolean => !ids.has(candidate.span.spanId);
  for (let node: SpanTreeNode | undefined = last; node && !ids.has(node.span.spanId);) {
    const span: TraceSpan = node.span;
    for (const segment of criticalPath(node)) ids.add(segment.spanId);
    // An attempt follows its own job first (its previous attempt, its queue wait), then whatever ended last.
    const job = span.name.startsWith('process ') ? jobKeyOfSpan(span) : undefined;
    const next = (job ? ofJob.get(job)?.find(span.startUs + SAME_JOB_TOLERANCE_US, span.startUs, notOnPath) : undefined)
      ?? everything.find(span.startUs + TOLERANCE_US, span.startUs, notOnPath);
    const parent: SpanTreeNode | undefined = span.parentSpanId === undefined ? undefined : nodes.get(span.parentSpanId);
    const own = Math.max(0, limitUs - span.startUs);
    if (span.name.startsWith('wait ')) breakdown.waitUs += own;
    else if (span.name.startsWith('process ')) breakdown.processUs += own;
    else breakdown.otherUs += own;
    const gap = gaps.get(span.spanId);
    if (next) {
      const between = Math.max(0, span.startUs - next.span.endUs);
      if (gap && gap.beforeSpanId === next.span.spanId) {
        const backoff = Math.min(between, backoffOf(gap) ?? between);
        ids.add(gap.id);
        if (between > backoff) ids.add(`${gap.id}:wait`);
        breakdown.backoffUs += backoff;
        breakdown.waitUs += between - backoff;
      } else breakdown.otherUs += between;
      limitUs = Math.min(next.span.endUs, span.startUs);
      node = next;
    } else {
      limitUs = span.startUs;
      node = parent;
    }
  }
  return { ids, breakdown };
}
