/** Entry point the CLI loads with a dynamic import: renders the app and resolves when the user quits. */
import React from 'react';
import { render } from 'ink';
import { writeControlSequence } from '../cli/output.js';
import type { TuiServices } from '../cli/services-types.js';
import { App } from './app.js';
import type { HelpNote } from './model/help.js';
import type { Screen } from './model/screens.js';
import { jobsScreen, tracesScreen } from './model/screens.js';

/** Where the UI starts. */
export interface RunTuiOptions {
  refreshMs: number;
  /** Open this queue's jobs first. */
  queue?: string;
  /** Open this trace's waterfall first. */
  traceId?: string;
  /** Lines the help screen shows above the keys (the demo's metrics URLs, hidden behind the UI otherwise). */
  helpNotes?: readonly HelpNote[];
}

/**
 * The first screens for the options, bottom first: the screen a start option opens has the queue list behind it, so
 * that `Esc` leaves it as if the user had walked there. A trace opened by id counts as opened from the trace list
 * (`fromList`): `Esc` shows the list (the trace selected when it is listed), a second `Esc` the queues.
 */
export function initialScreens(options: RunTuiOptions): Screen[] {
  const queues: Screen = { kind: 'queues', selected: 0 };
  if (options.traceId) return [queues, { ...tracesScreen(options.traceId), fromList: true }];
  if (options.queue) return [queues, jobsScreen(options.queue, 'failed')];
  return [queues];
}

/** Renders the UI on the terminal until `q` or Ctrl+C. */
export async function runTui(services: TuiServices, options: RunTuiOptions): Promise<void> {
  // The alternate screen: a full-screen frame that never scrolls, and the shell's screen comes back on exit.
  writeControlSequence('\u001b[?1049h\u001b[2J\u001b[H');
  const restore = (): void => writeControlSequence('\u001b[?1049l');
  process.once('exit', restore);
  const instance = render(<App services={services} initial={initialScreens(options)} refreshMs={options.refreshMs} {...(options.helpNotes ? { helpNotes: options.helpNotes } : {})} />, {
    // Only changed lines are rewritten: the live refresh does not flicker.
    incrementalRendering: false,
    exitOnCtrlC: true,
  });
  try {
    await instance.waitUntilExit();
  } finally {
    restore();
    process.removeListener('exit', restore);
  }
}
