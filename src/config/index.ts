export { loadConfig, parseConfig } from './load-config';
export type { QueueOtelConfig, TraceLimits } from './load-config';
export { ConfigError } from './config-error';
export type { ConfigIssue } from './config-error';
