/**
 * The code paths an adversarial input is sent through: the targeted detector alone and inside a Sanitizer,
 * SQL stripping, the key policy, key globs. Shared by the worst-case time test and
 * `benchmarks/sanitizer-worst-case.ts`.
 */
import { DETECTOR_NAMES, Sanitizer, stripSqlLiterals } from '../../src/sanitize';
import type { DetectorName } from '../../src/sanitize';
import { BUILTIN_DETECTORS } from '../../src/sanitize/builtin-detectors';
import { compileKeyPatterns } from '../../src/sanitize/key-pattern';
import { MAX_KEY_LENGTH } from '../../src/sanitize/key-policy';
import { KEY_GLOB } from './adversarial-inputs';
import type { AdversarialTarget } from './adversarial-inputs';

/** A named piece of work over one input. */
export type Workload = readonly [path: string, work: () => unknown];

const isDetector = (target: string): target is DetectorName => (DETECTOR_NAMES as readonly string[]).includes(target);

/**
 * The workloads for `text`, aimed at `target`. `maxValueLength` is raised above the input's length so
 * that the whole value is scanned, as an operator who raised the limit would have it.
 */
export function workloadsFor(target: AdversarialTarget, text: string): Workload[] {
  const maxValueLength = text.length * 2;
  const everything = new Sanitizer({ maxValueLength, allowAll: true });
  if (isDetector(target)) {
    const detector = BUILTIN_DETECTORS[target];
    const only = Object.fromEntries(DETECTOR_NAMES.map((n) => [n, n === target]));
    const alone = new Sanitizer({ maxValueLength, allowAll: true, detectors: only });
    return [
      ['detector.find', () => detector.mayMatch(text) && detector.find(text)],
      ['sanitizeText, this detector only', () => alone.sanitizeText(text)],
      ['sanitizeText, every detector', () => everything.sanitizeText(text)],
      ['sanitizeAttributes, as a value', () => everything.sanitizeAttributes({ 'app.value': text })],
      // URL values go through the e-mail detector that also reads percent-encoded addresses.
      ['sanitizeAttributes, as a URL', () => everything.sanitizeAttributes({ 'url.full': text })],
    ];
  }
  if (target === 'text') {
    return [
      ['sanitizeText, every detector', () => everything.sanitizeText(text)],
      ['sanitizeAttributes, as a value', () => everything.sanitizeAttributes({ 'app.value': text })],
    ];
  }
  if (target === 'sql') {
    return [
      ['stripSqlLiterals', () => stripSqlLiterals(text)],
      ['sanitizeAttributes, db.statement', () => everything.sanitizeAttributes({ 'db.statement': text })],
      ['sanitizeAttributes, db.statement, default limit', () => new Sanitizer().sanitizeAttributes({ 'db.statement': text })],
    ];
  }
  if (target === 'key') {
    const atLimit = text.slice(0, MAX_KEY_LENGTH);
    return [
      ['sanitizeAttributes, as a key', () => new Sanitizer({ allowAll: true }).sanitizeAttributes({ [text]: 1 })],
      ['sanitizeAttributes, as a key, default allowlist', () => new Sanitizer().sanitizeAttributes({ [text]: 1 })],
      [
        'sanitizeAttributes, 1000 keys at the length limit',
        () => {
          const sanitizer = new Sanitizer({ allowAll: true });
          for (let i = 0; i < 1000; i++) sanitizer.sanitizeAttributes({ [`${i}${atLimit}`.slice(0, MAX_KEY_LENGTH)]: 1 });
        },
      ],
    ];
  }
  return [
    ['compileKeyPatterns().matches', () => compileKeyPatterns([KEY_GLOB]).matches(text)],
    ['compileKeyPatterns(ignoreCase).matches', () => compileKeyPatterns([KEY_GLOB], { ignoreCase: true }).matches(text)],
    ['glob redactor in a Sanitizer', () => new Sanitizer({ redactors: { [KEY_GLOB]: (v) => v } }).sanitizeAttributes({ [text]: 1 })],
  ];
}

/** CPU time of `work` in milliseconds (user + system of this process, so other processes do not count). */
export function cpuMs(work: () => unknown): number {
  const start = process.cpuUsage();
  work();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}
