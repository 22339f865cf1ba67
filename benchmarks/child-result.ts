/** The child side of `runChild` (child.ts): prints the one `RESULT {json}` line it reads, then exits. */
export function reportResult(work: Promise<unknown>): void {
  work.then(
    (result) => {
      process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
      process.exit(0);
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
