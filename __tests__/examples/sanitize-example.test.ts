import { runExample } from '../support/examples';

test('the sanitize example exports no e-mail address: redacted in names, ids, errors and attributes, with drops and a cut', async () => {
  const out = await runExample('sanitize/redaction.ts');
  const lines = out.split('\n');
  // Only the example's own verdict line names the address.
  expect(lines.filter((line) => line.includes('@example.com'))).toEqual(['jane.doe@example.com in the exported spans: nowhere']);
  expect(out).toMatch(/bullmq\.job\.name = "invite \[REDACTED:email\]"/);
  expect(out).toMatch(/messaging\.message\.id = "\[REDACTED:email\]"/);
  expect(out).toMatch(/exception\.message = "mailbox of \[REDACTED:email\] is full"/);
  // app.* is allowed (and scanned), app.internal.* blocked, customer.* not on the allowlist.
  expect(out).toMatch(/send invite {2}\(2 attributes dropped\)\n {4}app\.invitee = "\[REDACTED:email\]"\n/);
  expect(out).not.toMatch(/smtp_session|customer\.tier/);
  expect(out).toMatch(/app\.note = "Invite \[REDACTED:email\] to the team workspace, and tell …\[TRUNCATED:100\]"/);
}, 60_000);
