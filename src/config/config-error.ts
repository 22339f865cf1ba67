/** One problem in a configuration file: where, and why. */
export interface ConfigIssue {
  /** Dotted path of the offending key, e.g. `sampling.queues.emails`. */
  key: string;
  message: string;
}

/** Thrown for an invalid configuration; lists every problem found, not only the first. */
export class ConfigError extends Error {
  constructor(
    readonly source: string,
    readonly issues: ConfigIssue[],
  ) {
    super(`invalid queue-otel configuration in ${source}:\n${issues.map((i) => `  - ${i.key}: ${i.message}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}
