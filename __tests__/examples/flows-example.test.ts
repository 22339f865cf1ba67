import { runExample } from '../support/examples';

test('the flow example prints one trace: the flow, each node under the addNode that wrote it, the parent after its children', async () => {
  const out = await runExample('flows/flow-trace.ts');
  const traceIds = new Set([...out.matchAll(/trace=([0-9a-f]{32})/g)].map((match) => match[1]));
  expect(traceIds.size).toBe(1);
  // The tree with ids, queue suffixes and trace ids taken out: its shape is what QueueOtel promises for flows.
  const tree = out
    .split('\n')
    .filter((line) => line.includes('trace='))
    .map((line) => line.replace(/\s+trace=\w+$/, '').replace(/-\d+\b/g, '').replace(/parent job [\w-]+/, 'parent job <id>'));
  expect(tree).toEqual([
    'POST /checkout',
    '  addFlow assembly',
    '    addNode assembly (job assemble)',
    '      addNode parts (job part-a)',
    '        process parts (job part-a, parent job <id>)',
    '      addNode parts (job part-b)',
    '        process parts (job part-b, parent job <id>)',
    '      process assembly (job assemble)',
  ]);
  expect(out).toMatch(/The parent's result: part-a made, part-b made/);
  expect(out).toMatch(/8 spans in 1 trace\(s\)/);
}, 60_000);
