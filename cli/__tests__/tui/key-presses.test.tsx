import type { Key } from 'ink';
import { splitKeyPresses } from '../../src/tui/input/key-presses.js';

const NO_KEY: Key = {
  upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false, home: false, end: false,
  return: false, escape: false, ctrl: false, shift: false, tab: false, backspace: false, delete: false, meta: false,
  super: false, hyper: false, capsLock: false, numLock: false,
};
const key = (flags: Partial<Key>): Key => ({ ...NO_KEY, ...flags });
const names = (input: string, flags: Partial<Key> = {}): string[] => splitKeyPresses(input, key(flags)).map((press) => press.name ?? (press.ctrl ? `^${press.input}` : press.input));

test('a run of characters ink hands over as one input is every key of it, in order', () => {
  expect(names('jj')).toEqual(['j', 'j']);
  expect(names('jjjG')).toEqual(['j', 'j', 'j', 'G']);
  expect(splitKeyPresses('G', key({ shift: true }))[0]).toMatchObject({ input: 'G', shift: true });
  // Enter, Tab, Backspace and Ctrl+letters inside a run are those keys, not text.
  expect(names('/signup\r')).toEqual(['/', 's', 'i', 'g', 'n', 'u', 'p', 'enter']);
  expect(names('a\tb\u007f\u0014')).toEqual(['a', 'tab', 'b', 'backspace', '^t']);
  expect(names('é😀')).toEqual(['é', '😀']);
});

test('named keys stay one key; Escape followed at once by a letter is both, not Alt+letter', () => {
  expect(names('', { downArrow: true })).toEqual(['down']);
  expect(names('', { escape: true, meta: true })).toEqual(['escape']);
  expect(names('', { tab: true, shift: true })).toEqual(['tab']);
  expect(names('j', { meta: true })).toEqual(['escape', 'j']);
  expect(names('t', { ctrl: true })).toEqual(['^t']);
});
