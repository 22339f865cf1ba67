/** One problem in a configuration file: where, and why. */
export interface ConfigIssue {
  /** Dotted path of the offending key, e.g. `sampling.queues.emails`. */
  key: string;
  message: string;
  /** 1-based line of the key in the file, when the issue came from a file (loadConfig) and the key is in its text. */
  line?: number;
  /** 1-based column of the key on that line, with `line`. */
  column?: number;
}

function describeIssue(issue: ConfigIssue): string {
  const where = issue.line === undefined ? '' : ` (line ${issue.line}${issue.column === undefined ? '' : `, column ${issue.column}`})`;
  return `  - ${issue.key}${where}: ${issue.message}`;
}

/** Thrown for an invalid configuration; lists every problem found, not only the first. */
export class ConfigError extends Error {
  constructor(
    readonly source: string,
    readonly issues: ConfigIssue[],
  ) {
    super(`invalid queue-otel configuration in ${source}:\n${issues.map(describeIssue).join('\n')}`);
    this.name = 'ConfigError';
  }
}
