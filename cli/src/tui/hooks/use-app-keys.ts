/**
 * The UI's one key handler. Every input event is split into key presses (input/key-presses.ts) and each press
 * goes, in order, to the prompt or help when open, then to the top view's handler, then to the keys every screen
 * shares: quit, help, back, the prompts, the trace view, and "no trace here" for o/t/r. A press that changes the
 * view (Enter opens a job) leaves the rest of its burst for the new view, which handles it after its first render.
 * In a prompt only an Enter that ends its input event submits: an earlier one is a line break of pasted text.
 */
import { useCallback, useEffect, useRef } from 'react';
import { useInput } from 'ink';
import type { MutableRefObject } from 'react';
import { splitKeyPresses } from '../input/key-presses.js';
import type { KeyPress } from '../input/key-presses.js';
import type { ScreenKeyHandler } from '../app-context.js';
import { editPrompt } from '../model/prompt.js';
import type { PromptState } from '../model/prompt.js';
import { screenIdentity, tracesScreen } from '../model/screens.js';
import type { Screen } from '../model/screens.js';
import type { LatestState } from './use-latest-state.js';
import type { ScreenStack } from './use-screen-stack.js';

/** What the keys read and change. */
export interface AppKeyDeps {
  stack: ScreenStack;
  screenKeys: MutableRefObject<ScreenKeyHandler | undefined>;
  /** The help screen's first row while it is open. */
  help: LatestState<number | undefined>;
  /** How far the help screen scrolls at the current size. */
  helpMaxOffset: number;
  prompt: LatestState<PromptState | undefined>;
  submitPrompt(prompt: PromptState, top: Screen): void;
  notify(message: string, tone?: 'error'): void;
  /** Clears the status message: every key press is the next action. */
  clearMessage(): void;
  exit(): void;
}

/** Which view draws a stack: its depth and its top screen's identity. */
function viewOf(stack: readonly Screen[]): string {
  return `${stack.length}\u0000${screenIdentity(stack[stack.length - 1] as Screen)}`;
}

/**
 * A key in the open prompt. `more` is true when further keys came in the same input event: an Enter followed by
 * more text is a line break inside pasted text, not the user submitting. Submitting there would hand the rest
 * of the paste to the screen as keys (a `q` in it quits, an `o` opens a browser).
 */
function promptKey(deps: AppKeyDeps, prompt: PromptState, press: KeyPress, top: Screen, more: boolean): void {
  if (press.name === 'escape') deps.prompt.set(undefined);
  else if (press.name === 'enter' && more) deps.prompt.set({ ...prompt, text: editPrompt(prompt.text, ' ', false) });
  else if (press.name === 'enter') {
    deps.prompt.set(undefined);
    deps.submitPrompt(prompt, top);
  } else if (press.name === 'backspace') deps.prompt.set({ ...prompt, text: editPrompt(prompt.text, '', true) });
  else if (!press.name && !press.ctrl) deps.prompt.set({ ...prompt, text: editPrompt(prompt.text, press.input, false) });
}

/** A key on the help screen: close it, or scroll it where it does not fit the terminal. */
function helpKey(deps: AppKeyDeps, press: KeyPress, offset: number): void {
  const scroll = (delta: number): void => deps.help.set(Math.max(0, Math.min(deps.helpMaxOffset, offset + delta)));
  if (press.name === 'escape' || press.input === '?' || press.input === 'q') deps.help.set(undefined);
  else if (press.input === 'j' || press.name === 'down') scroll(1);
  else if (press.input === 'k' || press.name === 'up') scroll(-1);
  else if (press.name === 'pagedown' || press.input === ' ') scroll(10);
  else if (press.name === 'pageup') scroll(-10);
  else if (press.input === 'g' || press.name === 'home') scroll(-offset);
  else if (press.input === 'G' || press.name === 'end') scroll(deps.helpMaxOffset);
}

/** Keys every screen shares, after the view had its chance. */
function sharedKey(deps: AppKeyDeps, press: KeyPress, top: Screen): void {
  const depth = deps.stack.latest().length;
  if (press.name === 'escape') {
    if (depth > 1) deps.stack.pop();
  } else if (press.ctrl && press.input === 't') deps.prompt.set({ kind: 'trace-id', text: '' });
  else if (press.name || press.ctrl) return;
  else if (press.input === 'q') deps.exit();
  else if (press.input === '?') deps.help.set(0);
  else if (press.input === '/' && (top.kind === 'jobs' || top.kind === 'traces')) deps.prompt.set({ kind: 'search', text: '' });
  else if (press.input === 'T') {
    // In the trace view T closes it; elsewhere (a screen without a highlighted trace) it opens the trace list.
    if (top.kind !== 'traces') deps.stack.push(tracesScreen());
    else if (depth > 1) deps.stack.pop();
    else deps.stack.replaceTop({ kind: 'queues', selected: 0 });
  }
  else if (['o', 't', 'r'].includes(press.input)) deps.notify('no trace here: select a job or trace that has a trace id', 'error');
}

/** Installs the key handler; `deps` may change on every render. */
export function useAppKeys(deps: AppKeyDeps): void {
  const depsRef = useRef(deps);
  depsRef.current = deps;
  // The view whose handler is registered: the one of this render.
  const drawn = useRef('');
  drawn.current = viewOf(deps.stack.stack);
  const pending = useRef<KeyPress[]>([]);

  const run = useCallback((presses: readonly KeyPress[]) => {
    for (let i = 0; i < presses.length; i += 1) {
      const current = depsRef.current;
      const latest = current.stack.latest();
      if (viewOf(latest) !== drawn.current) {
        // The new view has not drawn yet, so its handler is not there: it gets the rest after its first render.
        pending.current.push(...presses.slice(i));
        return;
      }
      const press = presses[i] as KeyPress;
      const top = latest[latest.length - 1] as Screen;
      current.clearMessage();
      const prompt = current.prompt.get();
      if (prompt) promptKey(current, prompt, press, top, i < presses.length - 1);
      else if (current.help.get() !== undefined) helpKey(current, press, current.help.get() ?? 0);
      else if (!current.screenKeys.current?.(press, top)) sharedKey(current, press, top);
    }
  }, []);

  useInput(useCallback((input, key) => run(splitKeyPresses(input, key)), [run]));

  useEffect(() => {
    if (pending.current.length === 0) return;
    const presses = pending.current;
    pending.current = [];
    run(presses);
  });
}
