/**
 * The trace keys every screen with a highlighted trace shares: `o` open in the APM, `t` copy the id, `r` related
 * jobs, `T` the waterfall. The screen passes the trace of the item it highlights, derived from the same state it
 * draws, so a key never acts on another screen's or another row's trace.
 */
import type { AppContextValue, CurrentTrace } from './app-context.js';
import type { KeyPress } from './input/key-presses.js';
import { copyMessage } from './model/copy-message.js';
import { isFullTraceId } from './model/prompt.js';
import { tracesScreen } from './model/screens.js';

/** `o`: the APM deep link through the system opener; the URL is shown either way. */
async function openTrace(app: AppContextValue, current: CurrentTrace): Promise<void> {
  if (current.unsampled) {
    app.notify(`this job was not sampled by its producer: no backend has trace ${current.traceId} (t copies the id)`, 'error');
    return;
  }
  const url = app.services.traceUrl(current.traceId, current.spans);
  if (!url && app.services.apmConfigured) {
    // A link template with the trace's times or root span id needs its spans, which a job list does not read.
    app.notify(`no link for trace ${current.traceId} here: the link needs the trace's spans (its times or root span id); o opens it from the job info (enter) or the waterfall (T)`, 'error');
    return;
  }
  if (!url) {
    app.notify(`no APM configured: start with --apm <preset> --apm-url <url> or --link-template (trace ${current.traceId})`, 'error');
    return;
  }
  try {
    await app.services.openUrl(url);
    app.notify(`opened ${url}`);
  } catch (error) {
    app.notify(`could not open ${url}: ${error instanceof Error ? error.message : String(error)}`, 'error');
  }
}

/** `t`: the message says what is known, `copied` only when a clipboard tool confirmed it. */
async function copyTrace(app: AppContextValue, traceId: string): Promise<void> {
  const message = copyMessage(traceId, await app.services.copy(traceId));
  if (message.error) app.notify(message.text, 'error');
  else app.notify(message.text);
}

/** Handles o, t, r and T for `current`; false for other keys or without a trace (the app then says so). */
export function traceActionKey(press: KeyPress, current: CurrentTrace | undefined, app: AppContextValue): boolean {
  if (press.name || press.ctrl || !current || !['o', 't', 'r', 'T'].includes(press.input)) return false;
  if (press.input === 'o') void openTrace(app, current);
  else if (press.input === 't') {
    // The id may come from a trace list entry written by anyone: only a real trace id reaches the clipboard.
    if (!isFullTraceId(current.traceId)) app.notify(`not a trace id, not copied: ${current.traceId}`, 'error');
    else void copyTrace(app, current.traceId);
  } else if (press.input === 'r') app.push({ kind: 'related', traceId: current.traceId, selected: 0 });
  else app.push(tracesScreen(current.traceId));
  return true;
}
