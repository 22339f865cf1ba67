import { runExample } from '../support/examples';

test('the lean example runs and shows what an unsampled job carries in each mode', async () => {
  const out = await runExample('sampling/lean-unsampled.ts');
  expect(out).toMatch(/propagate traced jobs:\s+\d+ of 200\s+unsampled job metadata: ".*traceparent.*-00\\"}"/);
  expect(out).toMatch(/its job hash: hashtable/);
  expect(out).toMatch(/lean\s+traced jobs:\s+\d+ of 200\s+unsampled job metadata: "0"/);
  expect(out).toMatch(/its job hash: listpack, \d+ bytes/);
}, 60_000);
