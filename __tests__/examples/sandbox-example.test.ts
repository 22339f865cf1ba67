import { runExample } from '../support/examples';

test("the sandbox example's handler spans, in a child process, join the producer's trace under the process spans", async () => {
  const out = await runExample('sandbox/main.ts');
  const mainPid = /\[main pid (\d+)\] POST \/signup {2}trace=([0-9a-f]{32})/.exec(out);
  expect(mainPid).not.toBeNull();
  const [, pid, producerTrace] = mainPid!;
  const processSpans = [...out.matchAll(/job \d+: process span=([0-9a-f]{16})/g)].map((match) => match[1]);
  expect(processSpans).toHaveLength(2);
  // What the child exported itself (its stdout is piped to the worker's), and what each handler reported back.
  const childSpans = [...out.matchAll(/\[sandbox pid (\d+)\] render and send e-mail {2}trace=(\w+) span=\w+ parent=(\w+)/g)];
  expect(childSpans).toHaveLength(2);
  for (const [, childPid, traceId, parent] of childSpans) {
    expect(childPid).not.toBe(pid);
    expect(traceId).toBe(producerTrace);
    expect(processSpans).toContain(parent);
  }
  expect(out.match(/joined: yes/g)).toHaveLength(2);
  expect(out).not.toMatch(/joined: NO/);
}, 60_000);
