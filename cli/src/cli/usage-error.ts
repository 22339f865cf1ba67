/** A usage error: printed without a stack, exit code 2. */
export class UsageError extends Error {
  /**
   * @param message what is wrong and how to fix it
   * @param command the command whose --help tells the fix (an option it takes), instead of the general help
   */
  constructor(message: string, readonly command?: string) {
    super(message);
    this.name = 'UsageError';
  }
}
