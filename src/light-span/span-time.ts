import type { HrTime, TimeInput } from '@opentelemetry/api';
import type { CoreFunctions } from './core-functions';

/**
 * Epoch milliseconds past this (2001) are never a performance timestamp: `performance.now()` would need the process
 * to have run for 31 years. Such times skip the clock read the SDK makes to tell the two apart.
 */
const SURELY_EPOCH_MS = 1e12;

/**
 * The `HrTime` of a time input given to a span, exactly as the SDK's span converts it, so that both paths carry the
 * same times: a number not later than `performance.now()` is a performance timestamp, corrected by the wall-clock
 * offset measured at the span's start (`performanceOffset`); any other number is epoch milliseconds, a `Date` its
 * epoch milliseconds, an `HrTime` is kept. No time: the wall clock if the start time was given (a duration from an
 * unknown start means nothing), else the start plus the performance clock's time since `performanceStart`.
 *
 * The span's clock comes as arguments rather than an object: a span converts a time at its start, at its end and
 * for each event, and an object per span would be allocated for that alone.
 */
export function spanTimeOf(
  core: CoreFunctions,
  input: TimeInput | undefined,
  startTime: HrTime,
  performanceStart: number,
  performanceOffset: number,
  startTimeProvided: boolean,
): HrTime {
  if (typeof input === 'number') {
    // The SDK's test, skipped for epoch times; NaN fails it too, as in the SDK.
    if (input < SURELY_EPOCH_MS && input <= core.otperformance.now()) return core.hrTime(input + performanceOffset);
    return core.millisToHrTime(input);
  }
  if (input instanceof Date) return core.millisToHrTime(input.getTime());
  if (core.isTimeInputHrTime(input)) return input;
  if (startTimeProvided) return core.millisToHrTime(Date.now());
  return core.addHrTimes(startTime, core.millisToHrTime(core.otperformance.now() - performanceStart));
}

/**
 * The time of an event as the SDK reads `addEvent(name, attributesOrTime, time)`: the second argument when it is a
 * time and the third is not, else the third (which may be absent: the event then takes the span's clock).
 */
export function eventTimeInput(core: CoreFunctions, attributesOrTime: unknown, time: TimeInput | undefined): TimeInput | undefined {
  return core.isTimeInput(attributesOrTime) && !core.isTimeInput(time) ? attributesOrTime : time;
}
