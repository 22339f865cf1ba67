import { Bench, VARIANTS } from './parity-support';

/** A scenario: drives BullMQ on a bench and returns what to compare (normalized by the bench). */
export type Scenario = (bench: Bench) => Promise<unknown>;

/** Each variant's outcome of a scenario, by label (`plain` always among them). */
export type Outcomes = Record<string, unknown>;

/**
 * Runs `scenario` once per variant (or per variant of `only`, plain always among them), concurrently (each on a queue
 * of its own), and returns each variant's outcome. A scenario that throws has `{ threw }` as its outcome, so that the
 * test can tell a failure of plain BullMQ's run (which every variant would share) from an outcome.
 */
export async function outcomesOf(scenario: Scenario, only?: readonly string[]): Promise<Outcomes> {
  const outcomes: Outcomes = {};
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
  return outcomes;
}

/** What `outcomes` must equal: plain BullMQ's outcome under every label. */
export function plainEverywhere(outcomes: Outcomes): Outcomes {
  return Object.fromEntries(Object.keys(outcomes).map((label) => [label, outcomes.plain]));
}
