import '../peers/check-config';
/** `queue-otel/config`: QueueOtel's settings from a YAML or JSON file (examples/config/queue-otel.yml). */
export { ConfigError, loadConfig, parseConfig } from '../config';
export type { ConfigIssue, QueueOtelConfig, TraceLimits } from '../config';
