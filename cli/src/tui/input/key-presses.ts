/**
 * One key press per event, whatever ink delivered. ink splits escape sequences (arrows, PgUp ...) into separate
 * events but hands a run of plain characters over as one: `jj` typed quickly, or sent by `tmux send-keys jj`,
 * arrives as the input `"jj"`, and `Esc` followed at once by a letter arrives as Alt+letter. Every key of such a
 * burst is a key the user pressed, so the burst is split here before any screen sees it.
 */
import type { Key } from 'ink';

/** Named keys the UI uses; printable keys have no name. */
export type KeyName = 'up' | 'down' | 'left' | 'right' | 'pageup' | 'pagedown' | 'home' | 'end' | 'enter' | 'escape' | 'tab' | 'backspace';

/** One key press. */
export interface KeyPress {
  /** The character typed ('' for a named key); the letter for Ctrl+letter. */
  input: string;
  name?: KeyName;
  ctrl: boolean;
  shift: boolean;
}

/** The named key ink recognised in `key`, if any. */
function nameOf(key: Key): KeyName | undefined {
  if (key.upArrow) return 'up';
  if (key.downArrow) return 'down';
  if (key.leftArrow) return 'left';
  if (key.rightArrow) return 'right';
  if (key.pageUp) return 'pageup';
  if (key.pageDown) return 'pagedown';
  if (key.home) return 'home';
  if (key.end) return 'end';
  if (key.return) return 'enter';
  if (key.escape) return 'escape';
  if (key.tab) return 'tab';
  if (key.backspace || key.delete) return 'backspace';
  return undefined;
}

/** One character of a plain run as the key it stands for. */
function charPress(char: string): KeyPress {
  const code = char.codePointAt(0) ?? 0;
  if (char === '\r' || char === '\n') return { input: '', name: 'enter', ctrl: false, shift: false };
  if (char === '\t') return { input: '', name: 'tab', ctrl: false, shift: false };
  if (char === '\u007f' || char === '\b') return { input: '', name: 'backspace', ctrl: false, shift: false };
  if (char === '\u001b') return { input: '', name: 'escape', ctrl: false, shift: false };
  // Ctrl+A … Ctrl+Z are the codes 1 … 26.
  if (code >= 1 && code <= 26) return { input: String.fromCharCode(code + 96), ctrl: true, shift: false };
  return { input: char, ctrl: false, shift: /^[A-Z]$/.test(char) };
}

/** The key presses in one input event of ink's `useInput`, in the order they were typed. */
export function splitKeyPresses(input: string, key: Key): KeyPress[] {
  const name = nameOf(key);
  if (name) {
    // A named key never carries text; Shift+Tab and friends keep their modifier.
    return [{ input: '', name, ctrl: key.ctrl, shift: key.shift }];
  }
  if (key.ctrl) return [{ input, ctrl: true, shift: key.shift }];
  const chars = Array.from(input);
  if (key.meta && chars.length === 1) {
    // `ESC x` in one read: the UI has no Alt bindings, so it is Escape, then x.
    return [{ input: '', name: 'escape', ctrl: false, shift: false }, charPress(input)];
  }
  return chars.map(charPress);
}
