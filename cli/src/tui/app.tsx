/** The root component: the screen stack, the keys, header, status line and footer. */
import React, { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Box, useApp as useInkApp } from 'ink';
import type { TuiServices } from '../cli/services-types.js';
import { AppContext } from './app-context.js';
import type { AppContextValue, ScreenKeyHandler, StatusOverride } from './app-context.js';
import { Footer, Header, HelpView } from './components/chrome.js';
import { ClassJobsView } from './components/class-jobs-view.js';
import { ClassesView } from './components/classes-view.js';
import { JobView } from './components/job-view.js';
import { JobsView } from './components/jobs-view.js';
import { QueuesView } from './components/queues-view.js';
import { RelatedView } from './components/related-view.js';
import { TracesView } from './components/traces-view.js';
import { useAppKeys } from './hooks/use-app-keys.js';
import { useLatestState } from './hooks/use-latest-state.js';
import { useScreenStack } from './hooks/use-screen-stack.js';
import { useTerminalSize } from './hooks/use-terminal-size.js';
import type { TerminalSize } from './hooks/use-terminal-size.js';
import { helpMaxOffset } from './model/help.js';
import type { HelpNote } from './model/help.js';
import { helpKeys } from './model/keys.js';
import { promptLabel, traceIdIn } from './model/prompt.js';
import type { PromptState } from './model/prompt.js';
import { screenTitle, tracesScreen } from './model/screens.js';
import type { Screen } from './model/screens.js';
import { MAX_STATUS_LINES, messageLifetimeMs, wrapLines } from './model/status.js';

/** Props of {@link App}. */
export interface AppProps {
  services: TuiServices;
  /** The first screen (queues by default), or the first stack of screens, bottom first (`Esc` pops to the one below). */
  initial?: Screen | readonly Screen[];
  refreshMs?: number;
  /** Fixed size for tests; the terminal's size otherwise. */
  size?: TerminalSize;
  /** Lines the help screen shows above the keys (the demo's metrics URLs). */
  helpNotes?: readonly HelpNote[];
}

interface Message {
  text: string;
  tone?: 'error';
}

const NO_NOTES: readonly HelpNote[] = [];

/** Header + body + status + footer, one row less than the terminal so ink never clears the whole screen. */
export function App({ services, initial, refreshMs = 2000, size, helpNotes = NO_NOTES }: AppProps): React.JSX.Element {
  const { exit } = useInkApp();
  const { columns, rows } = useTerminalSize(size);
  const stack = useScreenStack(initial === undefined ? [{ kind: 'queues', selected: 0 }] : 'kind' in initial ? [initial] : initial);
  // The help screen's first row while it is open, undefined while it is closed.
  const help = useLatestState<number | undefined>(undefined);
  const prompt = useLatestState<PromptState | undefined>(undefined);
  const [message, setMessage] = useState<Message | undefined>(undefined);
  const screenKeys = useRef<ScreenKeyHandler | undefined>(undefined);
  const top = stack.stack[stack.stack.length - 1] as Screen;
  const { push, pop, updateTop, replaceTop } = stack;

  const notify = useCallback((text: string, tone?: 'error') => setMessage(tone ? { text, tone } : { text }), []);
  const clearMessage = useCallback(() => setMessage((current) => (current ? undefined : current)), []);
  useEffect(() => {
    if (!message) return undefined;
    // A message is the result of one action: it goes after a few seconds (or with the next key).
    const timer = setTimeout(() => setMessage((current) => (current === message ? undefined : current)), messageLifetimeMs(message.tone));
    return () => clearTimeout(timer);
  }, [message]);

  const submitPrompt = (submitted: PromptState, latest: Screen): void => {
    const text = submitted.text.trim();
    if (!text) return;
    if (submitted.kind === 'search' && latest.kind === 'jobs') {
      void services.getJob(latest.queue, text).then(
        (job) => (job ? push({ kind: 'job', queue: latest.queue, jobId: text }) : notify(`no job ${text} in ${latest.queue}`, 'error')),
        (error: unknown) => notify(String(error), 'error'),
      );
    } else if (latest.kind === 'traces') {
      const id = submitted.kind === 'trace-id' ? traceIdIn(text) : undefined;
      if (id) {
        replaceTop({ ...latest, focus: 'waterfall', traceId: id, listSelectedId: id, spanSelected: 0, spanSelectedId: undefined, folded: [], fromList: false });
      } else replaceTop({ ...latest, filter: text, listSelected: 0, listSelectedId: undefined, focus: 'list' });
    } else if (submitted.kind === 'trace-id') {
      const id = traceIdIn(text);
      push(id ? { kind: 'related', traceId: id, selected: 0 } : { ...tracesScreen(), filter: text.toLowerCase() });
    }
  };

  const helpScroll = helpMaxOffset(columns, rows - 3, helpNotes);
  useAppKeys({ stack, screenKeys, help, helpMaxOffset: helpScroll, prompt, submitPrompt, notify, clearMessage, exit: () => exit() });

  const status = useMemo<StatusOverride | undefined>(() => {
    if (prompt.value) return { lines: [`${promptLabel(prompt.value.kind)}${prompt.value.text}█`], tone: 'prompt' };
    // A long message (a URL that could not be opened) is wrapped, not cut: it may be the only way to copy it.
    if (message) return { lines: wrapLines(message.text, columns, MAX_STATUS_LINES), tone: message.tone ?? 'info' };
    return undefined;
  }, [prompt.value, message, columns]);

  const context = useMemo<AppContextValue>(() => ({
    services, refreshMs, push, pop, updateTop, notify, screenKeys, status,
  }), [services, refreshMs, push, pop, updateTop, notify, status]);

  const bodyHeight = Math.max(6, rows - 3 - (status?.lines.length ?? 1));
  const body = { width: columns, height: bodyHeight };
  let view: React.JSX.Element;
  if (help.value !== undefined) view = <HelpView width={columns} height={rows - 3} offset={help.value} notes={helpNotes} />;
  else if (top.kind === 'queues') view = <QueuesView screen={top} {...body} />;
  else if (top.kind === 'jobs') view = <JobsView key={top.queue} screen={top} {...body} />;
  else if (top.kind === 'job') view = <JobView key={`${top.queue}:${top.jobId}`} screen={top} {...body} />;
  else if (top.kind === 'related') view = <RelatedView key={top.traceId} screen={top} {...body} />;
  else if (top.kind === 'classes') view = <ClassesView key={top.queue} screen={top} {...body} />;
  else if (top.kind === 'class-jobs') view = <ClassJobsView key={`${top.queue}:${top.name}`} screen={top} {...body} />;
  else view = <TracesView screen={top} {...body} />;

  return (
    <AppContext.Provider value={context}>
      <Box flexDirection="column" width={columns} height={rows - 1}>
        <Header title={screenTitle(top)} source={`${services.redisLabel} · ${services.traceSourceName}`} width={columns} />
        {view}
        {/* Each view draws its own footer (the keys that work for its highlighted item); help has its own keys. */}
        {help.value !== undefined ? <Footer keys={helpKeys(helpScroll > 0)} width={columns} essentials={[]} /> : null}
      </Box>
    </AppContext.Provider>
  );
}
