/**
 * The copy reports what it knows: OSC 52 sent, and a tool only when one took the text and exited 0. The tools are
 * real programs (small scripts standing in for xclip), started the way the UI starts them.
 */
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { copyToClipboard, osc52 } from '../../src/cli/actions/clipboard';

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'qo-clip-'));
  // A working tool: keeps what it reads, like xclip taking the selection.
  writeFileSync(join(dir, 'xclip'), `#!/bin/sh\ncat > "${join(dir, 'clipboard.txt')}"\n`);
  // A tool that runs but fails, like xclip without a reachable X server.
  writeFileSync(join(dir, 'xsel'), '#!/bin/sh\ncat > /dev/null\nexit 1\n');
  chmodSync(join(dir, 'xclip'), 0o755);
  chmodSync(join(dir, 'xsel'), 0o755);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ID = '4bf92f3577b34da6a3ce929d0e0e4736';

it('without a clipboard tool: OSC 52 is sent, and no tool is claimed', async () => {
  const written: string[] = [];
  expect(await copyToClipboard(ID, (data) => written.push(data), [])).toEqual({ sentToTerminal: true });
  expect(written).toEqual([osc52(ID)]);
});

it('a missing tool and a failing one are passed over; the tool that exited 0 is named', async () => {
  const result = await copyToClipboard(ID, () => undefined, [[join(dir, 'wl-copy-missing')], [join(dir, 'xsel')], [join(dir, 'xclip'), '-selection', 'clipboard']]);
  expect(result).toEqual({ sentToTerminal: true, tool: 'xclip' });
  expect(readFileSync(join(dir, 'clipboard.txt'), 'utf8')).toBe(ID);
});

it('only failing tools and a terminal that cannot be written: nothing is claimed', async () => {
  const result = await copyToClipboard(ID, () => {
    throw new Error('EPIPE');
  }, [[join(dir, 'xsel')]]);
  expect(result).toEqual({ sentToTerminal: false });
});
