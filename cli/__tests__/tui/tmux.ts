/** Drives a program in a real terminal: a private tmux server per test file. */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';

/** One tmux server (private socket) with one session running the program under test. */
export class TmuxSession {
  readonly socket = `qo-e2e-${randomUUID().slice(0, 8)}`;
  private readonly session = 'main';

  private tmux(...args: string[]): string {
    return execFileSync('tmux', ['-L', this.socket, ...args], { encoding: 'utf8' });
  }

  /**
   * Starts `command` (an argument array, run without CI variables so ink draws) in a width × height terminal.
   * Without DISPLAY and WAYLAND_DISPLAY no native clipboard tool runs (the tests never touch the desktop's
   * clipboard): on Linux a copy is OSC 52 only.
   */
  start(command: readonly string[], width = 160, height = 48): void {
    // -f /dev/null: no user configuration; set-clipboard on: OSC 52 from the program lands in tmux's buffer.
    this.tmux('-f', '/dev/null', 'new-session', '-d', '-s', this.session, '-x', String(width), '-y', String(height),
      'env', '-u', 'CI', '-u', 'CONTINUOUS_INTEGRATION', '-u', 'DISPLAY', '-u', 'WAYLAND_DISPLAY', ...command,
      ';', 'set-option', '-g', 'set-clipboard', 'on');
  }

  /** Sends keys as tmux names them (`Enter`, `Escape`, `C-t`, or literal text). */
  send(...keys: string[]): void {
    this.tmux('send-keys', '-t', this.session, ...keys);
  }

  /** The visible screen as text. */
  capture(): string {
    return this.tmux('capture-pane', '-p', '-t', this.session);
  }

  /** The visible screen with its colours and attributes, as escape sequences (`capture-pane -e`). */
  captureStyled(): string {
    return this.tmux('capture-pane', '-p', '-e', '-t', this.session);
  }

  /** The pane's title, which a program sets with `ESC ] 2 ; title BEL`. */
  paneTitle(): string {
    return this.tmux('display-message', '-p', '-t', this.session, '#{pane_title}').trimEnd();
  }

  /** tmux's most recent paste buffer (where OSC 52 copies go), or '' when there is none. */
  buffer(): string {
    try {
      return this.tmux('show-buffer');
    } catch {
      return '';
    }
  }

  /** The process id of the program the pane runs (`env` execs it, so it is the program itself). */
  paneProcessId(): string {
    return this.tmux('display-message', '-p', '-t', this.session, '#{pane_pid}').trim();
  }

  /** True while the session (the program) is running. */
  alive(): boolean {
    try {
      this.tmux('has-session', '-t', this.session);
      return true;
    } catch {
      return false;
    }
  }

  /** Waits until the screen contains `text`; fails with the last screen. */
  async waitFor(text: string | RegExp, timeoutMs = 15_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const screen = this.alive() ? this.capture() : '';
      if (matches(screen, text)) return screen;
      if (Date.now() > deadline) throw new Error(`screen never showed ${String(text)}:\n${screen}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /**
   * Presses `key` until the screen shows `text`: a key sent while the UI is still attaching its input
   * handler (right after its first frame, on a loaded machine) is lost, so one press is not enough.
   * @param whileShown when given, the key is pressed again only while the screen still shows it
   */
  async pressUntil(key: string, text: string | RegExp, timeoutMs = 30_000, everyMs = 3_000, whileShown?: string | RegExp): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    let press = true;
    for (;;) {
      if (press) this.send(key);
      try {
        return await this.waitFor(text, Math.min(everyMs, Math.max(0, deadline - Date.now())));
      } catch (error) {
        if (Date.now() >= deadline) throw error;
        // A key that did arrive but whose redraw is slow (a busy machine) must not be pressed again: with
        // `whileShown`, press again only while the screen still shows what the key should leave.
        press = whileShown === undefined || matches(this.capture(), whileShown);
      }
    }
  }

  /** Kills the server and everything in it. */
  kill(): void {
    try {
      this.tmux('kill-server');
    } catch {
      // already gone
    }
  }
}

/** Whether `screen` shows `text`. */
function matches(screen: string, text: string | RegExp): boolean {
  return typeof text === 'string' ? screen.includes(text) : text.test(screen);
}
