export { isExactQueueSampler, QueueSampler } from './queue-sampler';
export type { RateListener, SamplingRates } from './queue-sampler';
export { rateFromEnv } from './sampler-env';
