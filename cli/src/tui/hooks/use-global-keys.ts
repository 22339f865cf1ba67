/**
 * Keys that work on every screen: quit, help, back, the trace actions (o, t, r), the trace view toggle (T)
 * and the prompts (`/`, Ctrl+T). The screens handle movement and Enter themselves.
 */
import type { TuiServices } from '../../cli/services-types.js';
import { useKeys } from './use-keys.js';
import type { CurrentTrace } from '../app-context.js';
import type { PromptState } from '../model/prompt.js';
import { editPrompt, isFullTraceId } from '../model/prompt.js';
import type { Screen } from '../model/screens.js';
import { tracesScreen } from '../model/screens.js';

/** What the global keys read and change. */
export interface GlobalKeyDeps {
  services: TuiServices;
  top: Screen;
  depth: number;
  help: boolean;
  prompt: PromptState | undefined;
  current: CurrentTrace | undefined;
  setHelp(open: boolean): void;
  setPrompt(prompt: PromptState | undefined): void;
  submitPrompt(prompt: PromptState): void;
  push(screen: Screen): void;
  pop(): void;
  replaceTop(screen: Screen): void;
  notify(message: string, tone?: 'error'): void;
  exit(): void;
}

/** `o`: the APM deep link through the system opener; the URL is shown either way. */
async function openTrace(deps: GlobalKeyDeps, current: CurrentTrace): Promise<void> {
  if (current.unsampled) {
    deps.notify(`this job was not sampled by its producer: no backend has trace ${current.traceId} (t copies the id)`, 'error');
    return;
  }
  const url = deps.services.traceUrl(current.traceId, current.spans);
  if (!url) {
    deps.notify(`no APM configured: start with --apm <preset> --apm-url <url> or --link-template (trace ${current.traceId})`, 'error');
    return;
  }
  try {
    await deps.services.openUrl(url);
    deps.notify(`opened ${url}`);
  } catch (error) {
    deps.notify(`could not open ${url}: ${error instanceof Error ? error.message : String(error)}`, 'error');
  }
}

/** Installs the global key handler. */
export function useGlobalKeys(deps: GlobalKeyDeps): void {
  useKeys((input, key) => {
    const { prompt, top, current } = deps;
    if (prompt) {
      if (key.escape) deps.setPrompt(undefined);
      else if (key.return) {
        deps.setPrompt(undefined);
        deps.submitPrompt(prompt);
      } else if (!key.ctrl && !key.meta && !key.upArrow && !key.downArrow && !key.leftArrow && !key.rightArrow && !key.tab) {
        deps.setPrompt({ ...prompt, text: editPrompt(prompt.text, input, key.backspace || key.delete) });
      }
      return;
    }
    if (deps.help) {
      if (key.escape || input === '?' || input === 'q') deps.setHelp(false);
      return;
    }
    if (input === 'q') deps.exit();
    else if (input === '?') deps.setHelp(true);
    else if (key.escape) {
      if (top.kind === 'traces' && top.focus === 'waterfall' && top.fromList) deps.replaceTop({ ...top, focus: 'list' });
      else if (deps.depth > 1) deps.pop();
    } else if (key.ctrl && input === 't') deps.setPrompt({ kind: 'trace-id', text: '' });
    else if (input === '/' && (top.kind === 'jobs' || top.kind === 'traces')) deps.setPrompt({ kind: 'search', text: '' });
    else if (input === 'T') {
      if (top.kind === 'traces') {
        if (deps.depth > 1) deps.pop();
        else deps.replaceTop({ kind: 'queues', selected: 0 });
      } else deps.push(tracesScreen(current?.traceId));
    } else if (input === 'o' || input === 't' || input === 'r') {
      if (!current) {
        deps.notify('no trace here: select a job or trace that has a trace id', 'error');
      } else if (input === 'o') void openTrace(deps, current);
      else if (input === 't') {
        // The id may come from a trace list entry written by anyone: only a real trace id reaches the clipboard.
        if (!isFullTraceId(current.traceId)) {
          deps.notify(`not a trace id, not copied: ${current.traceId}`, 'error');
          return;
        }
        deps.services.copy(current.traceId);
        deps.notify(`copied trace id ${current.traceId}`);
      } else deps.push({ kind: 'related', traceId: current.traceId, selected: 0 });
    }
  });
}
