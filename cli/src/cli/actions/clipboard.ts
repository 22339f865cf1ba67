/**
 * Copies text to the clipboard two ways: OSC 52 to the terminal (works over SSH and in tmux with
 * `set-clipboard on`) and a native clipboard tool when one is installed. Every failure is ignored: the text
 * stays on screen anyway.
 */
import { spawn } from 'node:child_process';

/** The OSC 52 sequence that asks the terminal to put `text` on the system clipboard. */
export function osc52(text: string): string {
  return `\u001b]52;c;${Buffer.from(text, 'utf8').toString('base64')}\u0007`;
}

/** Native clipboard commands to try, in order, for a platform. */
export function nativeClipboardCommands(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string[][] {
  if (platform === 'darwin') return [['pbcopy']];
  if (platform === 'win32') return [['clip.exe']];
  const commands: string[][] = [];
  if (env.WAYLAND_DISPLAY) commands.push(['wl-copy']);
  if (env.DISPLAY) commands.push(['xclip', '-selection', 'clipboard'], ['xsel', '--clipboard', '--input']);
  return commands;
}

function tryNative(commands: readonly string[][], text: string): void {
  const [first, ...rest] = commands;
  if (!first) return;
  const [command, ...args] = first;
  if (!command) return;
  try {
    const child = spawn(command, args, { stdio: ['pipe', 'ignore', 'ignore'], shell: false });
    // A missing tool fails with ENOENT: try the next one.
    child.once('error', () => tryNative(rest, text));
    child.stdin.on('error', () => undefined);
    child.stdin.end(text);
    child.unref();
  } catch {
    tryNative(rest, text);
  }
}

/** Writes OSC 52 to `write` (the terminal) and feeds a native clipboard tool; never throws. */
export function copyToClipboard(text: string, write: (data: string) => void, commands = nativeClipboardCommands()): void {
  try {
    write(osc52(text));
  } catch {
    // the terminal went away: nothing to do
  }
  tryNative(commands, text);
}
