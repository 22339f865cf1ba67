export { isExactQueueSampler, QueueSampler, RATE_OPTIONS } from './queue-sampler';
export type { RateListener, SamplingRates } from './queue-sampler';
export { rateFromEnv } from './sampler-env';
