/** The status message of `t` (copy the trace id): what the copy is known to have done, no more. */
import type { CopyResult } from '../../cli/actions/clipboard.js';

/** A status message and whether it reports a failure. */
export interface CopyMessage {
  text: string;
  error?: true;
}

/**
 * `copied` only when a clipboard tool confirmed it; OSC 52 alone is reported as sent, since the terminal may
 * ignore it (many do, and tmux without `set-clipboard on`) and nothing tells the program whether it did.
 */
export function copyMessage(traceId: string, result: CopyResult): CopyMessage {
  if (result.tool) return { text: `copied trace id ${traceId} (${result.tool})` };
  if (result.sentToTerminal) return { text: `sent trace id ${traceId} to the terminal clipboard (OSC 52)` };
  return { text: `could not copy trace id ${traceId}: no clipboard tool worked and the terminal could not be written`, error: true };
}
