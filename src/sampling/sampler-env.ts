/**
 * The default sampling rate implied by the standard `OTEL_TRACES_SAMPLER` / `OTEL_TRACES_SAMPLER_ARG`
 * variables, for when the user configured no rate. QueueOtel's sampler is always parent-based for jobs,
 * so the `parentbased_` prefix changes nothing here.
 */
export function rateFromEnv(env: NodeJS.ProcessEnv = process.env): number | undefined {
  const sampler = (env.OTEL_TRACES_SAMPLER ?? '').trim().toLowerCase();
  if (!sampler) return undefined;
  switch (sampler) {
    case 'always_on':
    case 'parentbased_always_on':
      return 1;
    case 'always_off':
    case 'parentbased_always_off':
      return 0;
    case 'traceidratio':
    case 'parentbased_traceidratio': {
      const arg = Number.parseFloat(env.OTEL_TRACES_SAMPLER_ARG ?? '1');
      return Number.isFinite(arg) && arg >= 0 && arg <= 1 ? arg : 1;
    }
    default:
      return undefined;
  }
}
