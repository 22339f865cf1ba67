import type { Counter, Histogram, LabelValues } from 'prom-client';
import type { ExemplarLabelName, ExemplarLabels } from './exemplar-labels';

/**
 * prom-client switches a metric's call signature when exemplars are enabled (object form only), and refuses
 * to enable them on a registry in Prometheus text format. These wrappers hide both: callers pass an optional
 * exemplar and the right form is used.
 */

/** A counter that takes an optional exemplar; internal. */
export interface CounterRecorder<L extends string> {
  inc(labels: Partial<Record<L, string>>, value: number, exemplar?: ExemplarLabels): void;
}

/** A histogram that takes an optional exemplar; internal. */
export interface HistogramRecorder<L extends string> {
  observe(labels: Partial<Record<L, string>>, value: number, exemplar?: ExemplarLabels): void;
}

/** Wraps `counter`; `exemplars` must match the `enableExemplars` it was created with. */
export function counterRecorder<L extends string>(counter: Counter<L | ExemplarLabelName>, exemplars: boolean): CounterRecorder<L> {
  return {
    inc(ownLabels, value, exemplar) {
      const labels = ownLabels as LabelValues<L | ExemplarLabelName>;
      if (!exemplars) counter.inc(labels, value);
      // Leaving exemplarLabels out keeps the previous exemplar; an explicit {} would print an empty one.
      else counter.inc(exemplar ? { labels, value, exemplarLabels: exemplar as LabelValues<L | ExemplarLabelName> } : { labels, value });
    },
  };
}

/** Wraps `histogram`; `exemplars` must match the `enableExemplars` it was created with. */
export function histogramRecorder<L extends string>(histogram: Histogram<L | ExemplarLabelName>, exemplars: boolean): HistogramRecorder<L> {
  return {
    observe(ownLabels, value, exemplar) {
      const labels = ownLabels as LabelValues<L | ExemplarLabelName>;
      if (!exemplars) histogram.observe(labels, value);
      else histogram.observe(exemplar ? { labels, value, exemplarLabels: exemplar as LabelValues<L | ExemplarLabelName> } : { labels, value });
    },
  };
}
