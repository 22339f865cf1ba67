/** Something the user named is not there (a queue): printed without a stack, exit code 1. */
export class NotFoundError extends Error {
  /** @param message what is missing and what there is instead */
  constructor(message: string) {
    super(message);
    this.name = 'NotFoundError';
  }
}
