/** `queue-otel tui`: loads the ESM terminal UI with a dynamic import and runs it. */
import { printText } from '../output';
import { resolveSettings } from '../settings';
import type { FlagValues } from '../settings';
import { linkConfigFrom } from '../trace-link';
import { openContext } from './context';
import { requireQueue } from './require-queue';
import { traceIdArgument } from './trace-id-argument';

/** The message printed when there is no terminal to draw on. */
export const NO_TTY_MESSAGE = 'queue-otel: the interactive UI needs a terminal (stdin and stdout must be a TTY).\n'
  + 'For scripts use "queue-otel jobs <queue> --json" or "queue-otel trace <traceId> --json".\n';

/** True when both ends are terminals. */
export function hasTty(): boolean {
  return process.stdin.isTTY === true && process.stdout.isTTY === true;
}

/**
 * Runs the UI until the user quits; resolves to the exit code. `helpNotes` are shown on its help screen above the
 * keys (the demo passes its metrics URLs).
 */
export async function tuiCommand(flags: FlagValues, helpNotes?: readonly (readonly [string, string])[]): Promise<number> {
  // A wrong setting is a usage error wherever the command runs, also where there is no terminal for the UI: a script
  // that checks its settings (or a test) learns what is wrong with them, not only that it needs a terminal.
  linkConfigFrom(resolveSettings(flags));
  // --trace in its normal form (32 lower-case hex digits; a 16-digit id padded, as `trace` takes it): a malformed
  // one is a usage error here, not an error drawn in the waterfall panel of a UI that has started.
  const traceId = typeof flags.trace === 'string' ? traceIdArgument(flags.trace, '--trace') : undefined;
  if (!hasTty()) {
    printText(NO_TTY_MESSAGE, process.stderr);
    return 1;
  }
  const context = await openContext(flags);
  try {
    if (typeof flags.queue === 'string') await requireQueue(context.handle.queues, flags.queue, context.settings);
    // ink is ESM-only: the UI is an ES module loaded on demand from this CommonJS entry.
    const { runTui } = await import('../../tui/run-tui.js');
    await runTui(context.handle.services, {
      refreshMs: context.settings.refreshMs,
      ...(typeof flags.queue === 'string' ? { queue: flags.queue } : {}),
      ...(traceId !== undefined ? { traceId } : {}),
      ...(helpNotes ? { helpNotes } : {}),
    });
    return 0;
  } finally {
    await context.close();
  }
}
