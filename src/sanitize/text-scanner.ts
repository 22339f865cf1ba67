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

/** A range of the input claimed by one detector, or (`detector` undefined) a marker already in the input. */
interface Claim {
  readonly start: number;
  readonly end: number;
  readonly detector: string | undefined;
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Runs detectors over text in priority order. Every detector reports ranges of the *original* text, but only
 * of the stretches no earlier detector claimed: each stretch is scanned on its own, as if the text ended at
 * the claims around it. So a weaker detector never splits or straddles what a stronger one found (a phone
 * pattern cannot eat the middle of a checksummed IBAN, nor a match run from the end of an IBAN into the
 * phone number after it), and the output is built once, at the end. Markers of these detectors already in the
 * text count as claimed, so sanitizing a text twice changes and counts nothing the second time.
 */
export class TextScanner {
  /** Texts shorter than this cannot contain anything any detector finds. */
  readonly minLength: number;

  /** Markers of these detectors; text sanitized twice (a processor and an exporter wrapper) keeps them as they are. */
  private readonly markers: RegExp;

  constructor(private readonly detectors: readonly Detector[]) {
    this.minLength = detectors.reduce((min, d) => Math.min(min, d.minLength), Number.POSITIVE_INFINITY);
    // Only the names of these detectors: `[REDACTED:<anything>]` must not be a way to hide a value.
    const names = detectors.map((d) => escapeRegExp(d.name)).join('|');
    this.markers = new RegExp(`\\[REDACTED:(?:${names})\\]`, 'g');
  }

  /**
   * Redacts everything the detectors find. `onHit` is called once per redacted range with the detector's
   * name. `boundary` is an index into `text` to be tracked into the output (see {@link ScanResult.boundary}).
   */
  scan(text: string, boundary: number, onHit: (detector: string) => void): ScanResult {
    if (text.length < this.minLength) return { text, boundary };
    let claims = text.includes('[REDACTED:') ? this.existingMarkers(text) : [];
    for (const detector of this.detectors) {
      if (text.length < detector.minLength) continue;
      const found = claims.length === 0 ? this.findWhole(detector, text) : this.findInGaps(detector, text, claims);
      if (found.length > 0) claims = claims.length === 0 ? found : mergeClaims(claims, found);
    }
    if (claims.every((c) => c.detector === undefined)) return { text, boundary };
    for (const claim of claims) if (claim.detector !== undefined) onHit(claim.detector);
    return render(text, boundary, claims);
  }

  private existingMarkers(text: string): Claim[] {
    const found: Claim[] = [];
    for (const m of text.matchAll(this.markers)) found.push({ start: m.index, end: m.index + m[0].length, detector: undefined });
    return found;
  }

  private findWhole(detector: Detector, text: string): Claim[] {
    if (!detector.mayMatch(text)) return [];
    return detector.find(text).map(([start, end]) => ({ start, end, detector: detector.name }));
  }

  private findInGaps(detector: Detector, text: string, claims: readonly Claim[]): Claim[] {
    const found: Claim[] = [];
    let gapStart = 0;
    for (let i = 0; i <= claims.length; i++) {
      const gapEnd = claims[i]?.start ?? text.length;
      if (gapEnd - gapStart >= detector.minLength) {
        const gap = text.slice(gapStart, gapEnd);
        if (detector.mayMatch(gap)) {
          for (const [start, end] of detector.find(gap)) {
            found.push({ start: gapStart + start, end: gapStart + end, detector: detector.name });
          }
        }
      }
      gapStart = claims[i]?.end ?? text.length;
    }
    return found;
  }
}

/** Merges two sorted lists of claims that never overlap each other (new ones come from the gaps). */
function mergeClaims(a: readonly Claim[], b: readonly Claim[]): Claim[] {
  const out: Claim[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = a[i];
    const y = b[j];
    if (y === undefined || (x !== undefined && x.start < y.start)) {
      out.push(x as Claim);
      i++;
    } else {
      out.push(y);
      j++;
    }
  }
  return out;
}

/** Builds the output and moves `boundary` with it; a claim across the boundary moves it past its marker. */
function render(text: string, boundary: number, claims: readonly Claim[]): ScanResult {
  let out = '';
  let cursor = 0;
  let mark = -1;
  for (const { start, end, detector } of claims) {
    if (mark < 0 && boundary <= start) mark = out.length + (boundary - cursor);
    out += text.slice(cursor, start) + (detector === undefined ? text.slice(start, end) : redactionMarker(detector));
    if (mark < 0 && boundary < end) mark = out.length;
    cursor = end;
  }
  if (mark < 0) mark = out.length + (boundary - cursor);
  return { text: out + text.slice(cursor), boundary: mark };
}
