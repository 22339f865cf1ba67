import type { HrTime, TimeInput } from '@opentelemetry/api';
import { addHrTimes, hrTime, isTimeInputHrTime, millisToHrTime, otperformance } from '@opentelemetry/core';

/**
 * The clock of one span, turning the `TimeInput`s it is given into `HrTime` exactly as the SDK's `SpanImpl` does,
 * so that a span of the fast path and one of `tracer.startSpan` carry the same times for the same inputs:
 *
 * - a number not later than `performance.now()` is a performance timestamp, corrected by the offset between the
 *   wall clock and the performance clock measured when the span started;
 * - any other number is epoch milliseconds, a `Date` its epoch milliseconds, an `HrTime` is taken as it is;
 * - no time: the wall clock if the span's start time was given (a duration from an unknown start means nothing),
 *   else the start time plus the performance clock's elapsed time (monotonic within the span).
 */
export class SpanClock {
  private readonly performanceStart: number;
  private readonly performanceOffset: number;
  private readonly startTimeProvided: boolean;
  /** The span's start time; set by {@link SpanClock.start}. */
  startTime: HrTime = [0, 0];

  constructor(startTime: TimeInput | undefined) {
    // Read in the SDK's order: the wall clock first, then the performance clock.
    const now = Date.now();
    this.performanceStart = otperformance.now();
    this.performanceOffset = now - (this.performanceStart + otperformance.timeOrigin);
    this.startTimeProvided = startTime != null;
    this.startTime = this.toHrTime(startTime ?? now);
  }

  /** The `HrTime` of `input` (see the class comment for the rules). */
  toHrTime(input: TimeInput | undefined): HrTime {
    if (typeof input === 'number') {
      return input <= otperformance.now() ? hrTime(input + this.performanceOffset) : millisToHrTime(input);
    }
    if (input instanceof Date) return millisToHrTime(input.getTime());
    if (isTimeInputHrTime(input)) return input;
    if (this.startTimeProvided) return millisToHrTime(Date.now());
    return addHrTimes(this.startTime, millisToHrTime(otperformance.now() - this.performanceStart));
  }
}
