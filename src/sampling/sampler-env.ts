import { diag } from '../otel-api';
import type { WarningLogger } from '../propagation/failure-reporter';

/** Samplers of the specification that QueueOtel's sampler does not provide: named, so a warning can say why. */
const UNSUPPORTED = ['jaeger_remote', 'parentbased_jaeger_remote', 'xray'];
const KNOWN = ['always_on', 'always_off', 'traceidratio', 'parentbased_always_on', 'parentbased_always_off', 'parentbased_traceidratio'];

/**
 * The default sampling rate implied by the standard `OTEL_TRACES_SAMPLER` / `OTEL_TRACES_SAMPLER_ARG`
 * variables, for when the user configured no rate. QueueOtel's sampler is always parent-based for jobs,
 * so the `parentbased_` prefix changes nothing here.
 *
 * An unusable value never stops a worker from starting; it is reported through `warn` (by default OpenTelemetry's
 * `diag.warn`) and read as the specification says: an unknown or unsupported sampler as unset (every trace, unless a
 * rate is configured), a ratio that is not a number from 0 to 1 as 1.
 */
export function rateFromEnv(env: NodeJS.ProcessEnv = process.env, warn: WarningLogger = (message) => diag.warn(message)): number | undefined {
  const raw = (env.OTEL_TRACES_SAMPLER ?? '').trim();
  const sampler = raw.toLowerCase();
  if (!sampler) return undefined;
  switch (sampler) {
    case 'always_on':
    case 'parentbased_always_on':
      return 1;
    case 'always_off':
    case 'parentbased_always_off':
      return 0;
    case 'traceidratio':
    case 'parentbased_traceidratio':
      return ratioFromEnv(env, warn);
    default:
      warn(
        UNSUPPORTED.includes(sampler)
          ? `OTEL_TRACES_SAMPLER=${JSON.stringify(raw)} is not provided by QueueSampler (it reads ${KNOWN.join(', ')}); ignored`
          : `OTEL_TRACES_SAMPLER=${JSON.stringify(raw)} is not one of ${KNOWN.join(', ')}; ignored`,
      );
      return undefined;
  }
}

/** `OTEL_TRACES_SAMPLER_ARG` for a ratio sampler: unset means 1, as does a value that is not a ratio (reported). */
function ratioFromEnv(env: NodeJS.ProcessEnv, warn: WarningLogger): number {
  const raw = (env.OTEL_TRACES_SAMPLER_ARG ?? '').trim();
  if (!raw) return 1;
  const ratio = Number(raw);
  if (Number.isFinite(ratio) && ratio >= 0 && ratio <= 1) return ratio;
  warn(`OTEL_TRACES_SAMPLER_ARG=${JSON.stringify(raw)} is not a number from 0 to 1; sampling every trace, as the specification says`);
  return 1;
}
