/** Renders the app at a fixed terminal size and drives it with key presses. */
import React from 'react';
import { render } from 'ink-testing-library';
import { App } from '../../src/tui/app.js';
import type { Screen } from '../../src/tui/model/screens.js';
import type { TuiServices } from '../../src/cli/services-types.js';

/** Key sequences as a terminal sends them. */
export const KEYS = { enter: '\r', escape: '\u001b', down: '\u001b[B', up: '\u001b[A', ctrlT: '\u0014', right: '\u001b[C' } as const;

/** Waits for the next frames: reads resolve on the microtask queue and ink renders on a throttle. */
export const settle = (ms = 60): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The rendered app and helpers. */
export interface Rendered {
  frame(): string;
  press(...keys: string[]): Promise<void>;
  /** Writes `chunk` in one piece, as a terminal delivers a burst of keys (`jj`, three arrows), and waits. */
  type(chunk: string): Promise<void>;
  /** Waits for a frame that contains every one of `texts` (one string or several), and returns it. */
  waitFor(texts: string | readonly string[], timeoutMs?: number): Promise<string>;
  /**
   * Waits for a frame without `text`, and returns it. Only proof of a key's effect when the frame before the key
   * had `text` (it goes away); for text that must not appear, wait for a positive marker instead.
   */
  waitForGone(text: string, timeoutMs?: number): Promise<string>;
  /** How many frames ink has drawn so far: with {@link Rendered.framesAfter}, the frames a key drew. */
  framesDrawn(): number;
  /** Every frame drawn after the first `count`, oldest first. */
  framesAfter(count: number): string[];
  /** Draws the app at a new terminal size, as a terminal resize does. */
  resize(columns: number, rows: number): void;
  unmount(): void;
}

/** Renders `<App>` at `columns` × `rows`, starting on `initial` (a screen, or a stack of them bottom first). */
export function renderApp(services: TuiServices, columns: number, rows = 30, initial?: Screen | readonly Screen[], refreshMs = 60_000): Rendered {
  const tree = (size: { columns: number; rows: number }): React.JSX.Element => (
    <App services={services} size={size} refreshMs={refreshMs} {...(initial ? { initial } : {})} />
  );
  const instance = render(tree({ columns, rows }));
  // ink-testing-library's stdout is always 100 columns and ink lays out to the stdout's width: give this
  // instance the width under test and render again.
  const setSize = (size: { columns: number; rows: number }): void => {
    Object.defineProperty(instance.stdout, 'columns', { value: size.columns, configurable: true });
    Object.defineProperty(instance.stdout, 'rows', { value: size.rows, configurable: true });
    instance.rerender(tree(size));
  };
  setSize({ columns, rows });
  const frame = (): string => instance.lastFrame() ?? '';
  return {
    frame,
    press: async (...keys: string[]) => {
      for (const key of keys) {
        instance.stdin.write(key);
        await settle(40);
      }
      await settle();
    },
    type: async (chunk: string) => {
      instance.stdin.write(chunk);
      await settle();
    },
    // The deadline only bounds a failing test: on a loaded machine a frame can take seconds to arrive.
    waitFor: async (texts: string | readonly string[], timeoutMs = 15_000) => {
      const wanted = typeof texts === 'string' ? [texts] : texts;
      const deadline = Date.now() + timeoutMs;
      while (!wanted.every((text) => frame().includes(text))) {
        if (Date.now() > deadline) throw new Error(`${JSON.stringify(wanted)} not rendered together; last frame:\n${frame()}`);
        await settle(20);
      }
      return frame();
    },
    waitForGone: async (text: string, timeoutMs = 15_000) => {
      const deadline = Date.now() + timeoutMs;
      while (frame().includes(text)) {
        if (Date.now() > deadline) throw new Error(`${JSON.stringify(text)} still rendered; last frame:\n${frame()}`);
        await settle(20);
      }
      return frame();
    },
    framesDrawn: () => instance.frames.length,
    framesAfter: (count: number) => instance.frames.slice(count),
    resize: (newColumns: number, newRows: number) => setSize({ columns: newColumns, rows: newRows }),
    unmount: () => instance.unmount(),
  };
}
