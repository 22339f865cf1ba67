/** A small OpenMetrics text parser for assertions: samples with labels and their exemplar, if any. */

export interface ParsedSample {
  name: string;
  labels: Record<string, string>;
  value: number;
  exemplar?: { labels: Record<string, string>; value: number };
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*?)\})? (\S+)(?: # \{(.*?)\} (\S+)(?: \S+)?)?$/;

function parseLabels(text: string | undefined): Record<string, string> {
  const labels: Record<string, string> = {};
  if (!text) return labels;
  const pair = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;
  for (const match of text.matchAll(pair)) {
    const [, key, raw] = match;
    if (key === undefined || raw === undefined) continue;
    labels[key] = raw.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
  }
  return labels;
}

/** Parses every sample line; throws on a line it cannot read, so a format change fails loudly. */
export function parseOpenMetrics(text: string): ParsedSample[] {
  const samples: ParsedSample[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const match = SAMPLE.exec(line);
    if (!match) throw new Error(`unparsable line: ${line}`);
    const [, name, labelText, value, exemplarLabels, exemplarValue] = match;
    const sample: ParsedSample = { name: name ?? '', labels: parseLabels(labelText), value: Number(value) };
    if (exemplarLabels !== undefined) sample.exemplar = { labels: parseLabels(exemplarLabels), value: Number(exemplarValue) };
    samples.push(sample);
  }
  return samples;
}

/** Samples named `name` whose labels include `labels`. */
export function samplesOf(samples: ParsedSample[], name: string, labels: Record<string, string> = {}): ParsedSample[] {
  return samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
}
