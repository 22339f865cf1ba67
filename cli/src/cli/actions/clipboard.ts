/**
 * Copies text to the clipboard two ways: OSC 52 to the terminal (works over SSH and in tmux with
 * `set-clipboard on`) and a native clipboard tool when one is installed. Every failure is ignored: the text
 * stays on screen anyway. The result says only what is known: a tool that exited 0 copied the text; OSC 52 was
 * sent, but whether the terminal honoured it cannot be known (many ignore it, tmux does without `set-clipboard`).
 */
import { spawn } from 'node:child_process';

/** The OSC 52 sequence that asks the terminal to put `text` on the system clipboard. */
export function osc52(text: string): string {
  return `\u001b]52;c;${Buffer.from(text, 'utf8').toString('base64')}\u0007`;
}

/** What a copy is known to have done. */
export interface CopyResult {
  /** OSC 52 was written to the terminal (which may ignore it). */
  sentToTerminal: boolean;
  /** The native tool that took the text and exited 0, e.g. `xclip`; undefined when none did. */
  tool?: string;
}

/** How long a clipboard tool may take to exit before the copy is reported without it. */
export const TOOL_TIMEOUT_MS = 2_000;

/** Native clipboard commands to try, in order, for a platform. */
export function nativeClipboardCommands(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string[][] {
  if (platform === 'darwin') return [['pbcopy']];
  if (platform === 'win32') return [['clip.exe']];
  const commands: string[][] = [];
  if (env.WAYLAND_DISPLAY) commands.push(['wl-copy']);
  if (env.DISPLAY) commands.push(['xclip', '-selection', 'clipboard'], ['xsel', '--clipboard', '--input']);
  return commands;
}

/** The name a command is reported by: its file name, without a directory. */
function toolName(command: string): string {
  return command.split(/[\\/]/).pop() ?? command;
}

/**
 * Feeds `text` to the first command that starts, then the next one when it is missing or fails; resolves with the
 * one that exited 0, or undefined. A tool still running after {@link TOOL_TIMEOUT_MS} is left to finish unreported.
 */
function tryNative(commands: readonly string[][], text: string): Promise<string | undefined> {
  const [first, ...rest] = commands;
  const [command, ...args] = first ?? [];
  if (!command) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    let settled = false;
    const finish = (next: Promise<string | undefined> | string | undefined): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(next);
    };
    const timer = setTimeout(() => finish(undefined), TOOL_TIMEOUT_MS);
    timer.unref();
    try {
      const child = spawn(command, args, { stdio: ['pipe', 'ignore', 'ignore'], shell: false });
      // A missing tool fails with ENOENT: try the next one.
      child.once('error', () => finish(tryNative(rest, text)));
      child.once('exit', (code) => finish(code === 0 ? toolName(command) : tryNative(rest, text)));
      child.stdin.on('error', () => undefined);
      child.stdin.end(text);
      child.unref();
    } catch {
      finish(tryNative(rest, text));
    }
  });
}

/** Writes OSC 52 to `write` (the terminal) and feeds a native clipboard tool; never throws or rejects. */
export async function copyToClipboard(text: string, write: (data: string) => void, commands = nativeClipboardCommands()): Promise<CopyResult> {
  let sentToTerminal = false;
  try {
    write(osc52(text));
    sentToTerminal = true;
  } catch {
    // the terminal went away: nothing to do
  }
  const tool = await tryNative(commands, text);
  return tool ? { sentToTerminal, tool } : { sentToTerminal };
}
