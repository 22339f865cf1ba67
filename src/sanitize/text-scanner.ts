import type { Detector } from './detector';

/** Marker that replaces a redacted value or part of one. */
export function redactionMarker(detectorName: string): string {
  return `[REDACTED:${detectorName}]`;
}

/** Result of one {@link TextScanner.scan}. */
export interface ScanResult {
  readonly text: string;
  /**
   * Where the input's `boundary` ended up in the output. A marker that straddles it is kept whole, so
   * cutting the output here never leaves half a secret behind.
   */
  readonly boundary: number;
}

/**
 * Runs detectors over text in a fixed order, each on the previous one's output, so a value already turned
 * into a marker is not matched again by a broader detector later in the list.
 */
export class TextScanner {
  /** Texts shorter than this cannot contain anything any detector finds. */
  readonly minLength: number;

  constructor(private readonly detectors: readonly Detector[]) {
    this.minLength = detectors.reduce((min, d) => Math.min(min, d.minLength), Number.POSITIVE_INFINITY);
  }

  /**
   * Redacts everything the detectors find. `onHit` is called once per redacted range with the detector's
   * name. `boundary` is an index into `text` to be tracked into the output (see {@link ScanResult.boundary}).
   */
  scan(text: string, boundary: number, onHit: (detector: string) => void): ScanResult {
    let current = text;
    let mark = boundary;
    if (current.length < this.minLength) return { text: current, boundary: mark };
    for (const detector of this.detectors) {
      if (current.length < detector.minLength || !detector.mayMatch(current)) continue;
      const ranges = detector.find(current);
      if (ranges.length === 0) continue;
      const marker = redactionMarker(detector.name);
      let out = '';
      let cursor = 0;
      let nextMark = mark;
      for (const [start, end] of ranges) {
        out += current.slice(cursor, start) + marker;
        cursor = end;
        onHit(detector.name);
        const delta = marker.length - (end - start);
        if (end <= mark) nextMark += delta;
        else if (start < mark) nextMark = out.length; // straddles: keep the whole marker
      }
      current = out + current.slice(cursor);
      mark = nextMark;
    }
    return { text: current, boundary: mark };
  }
}
