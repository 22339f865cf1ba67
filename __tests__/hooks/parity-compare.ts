import { Bench, VARIANTS, warnings } from './parity-support';

/** A scenario: drives BullMQ on a bench and returns what to compare (normalized by the bench). */
export type Scenario = (bench: Bench) => Promise<unknown>;

/**
 * Runs `scenario` once per variant (or per variant of `only`, plain always among them), concurrently (each on a queue
 * of its own), and expects every variant's outcome to equal plain BullMQ's. A scenario that throws has the error as
 * its outcome. Returns plain BullMQ's outcome, for the test to check that the scenario did what it meant to.
 */
export async function expectSameAsPlain(scenario: Scenario, only?: readonly string[]): Promise<unknown> {
  const outcomes: Record<string, unknown> = {};
  const labels = only ? ['plain', ...only.filter((label) => label !== 'plain')] : Object.keys(VARIANTS);
  await Promise.all(
    labels.map(async (label) => {
      const variant = VARIANTS[label];
      if (!variant) throw new Error(`no parity variant ${label}`);
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
  const expected = Object.fromEntries(labels.map((label) => [label, outcomes.plain]));
  expect(outcomes).toEqual(expected);
  expect(warnings).toEqual([]);
  return outcomes.plain;
}
