import { Bench, VARIANTS, warnings } from './parity-support';

/** A scenario: drives BullMQ on a bench and returns what to compare (normalized by the bench). */
export type Scenario = (bench: Bench) => Promise<unknown>;

/**
 * Runs `scenario` once per variant, concurrently (each on a queue of its own), and expects every variant's outcome
 * to equal plain BullMQ's. A scenario that throws has the error as its outcome.
 */
export async function expectSameAsPlain(scenario: Scenario): Promise<void> {
  const outcomes: Record<string, unknown> = {};
  await Promise.all(
    Object.entries(VARIANTS).map(async ([label, variant]) => {
      const bench = new Bench(variant);
      try {
        outcomes[label] = bench.normalize(await scenario(bench));
      } catch (error) {
        outcomes[label] = { threw: bench.normalize(String(error)) };
      } finally {
        await bench.close();
      }
    }),
  );
  const expected = Object.fromEntries(Object.keys(VARIANTS).map((label) => [label, outcomes.plain]));
  expect(outcomes).toEqual(expected);
  expect(warnings).toEqual([]);
}
