/** The root component: the screen stack, global keys, header, status line and footer. */
import React, { useCallback, useMemo, useRef, useState } from 'react';
import { Box, useApp as useInkApp } from 'ink';
import type { TuiServices } from '../cli/services-types.js';
import { AppContext } from './app-context.js';
import type { AppContextValue, CurrentTrace } from './app-context.js';
import { Footer, Header, HelpView, StatusLine } from './components/chrome.js';
import { JobView } from './components/job-view.js';
import { JobsView } from './components/jobs-view.js';
import { QueuesView } from './components/queues-view.js';
import { RelatedView } from './components/related-view.js';
import { TracesView } from './components/traces-view.js';
import { useGlobalKeys } from './hooks/use-global-keys.js';
import { useTerminalSize } from './hooks/use-terminal-size.js';
import type { TerminalSize } from './hooks/use-terminal-size.js';
import { keysFor } from './model/keys.js';
import { isFullTraceId, promptLabel } from './model/prompt.js';
import type { PromptState } from './model/prompt.js';
import { screenTitle, tracesScreen } from './model/screens.js';
import type { Screen } from './model/screens.js';

/** Props of {@link App}. */
export interface AppProps {
  services: TuiServices;
  /** The first screen (queues by default). */
  initial?: Screen;
  refreshMs?: number;
  /** Fixed size for tests; the terminal's size otherwise. */
  size?: TerminalSize;
}

/** Header + body + status + footer, one row less than the terminal so ink never clears the whole screen. */
export function App({ services, initial, refreshMs = 2000, size }: AppProps): React.JSX.Element {
  const { exit } = useInkApp();
  const { columns, rows } = useTerminalSize(size);
  const [stack, setStack] = useState<Screen[]>([initial ?? { kind: 'queues', selected: 0 }]);
  const [help, setHelp] = useState(false);
  const [prompt, setPrompt] = useState<PromptState | undefined>(undefined);
  const [message, setMessage] = useState<{ text: string; tone?: 'error' }>({ text: '' });
  const [current, setCurrent] = useState<CurrentTrace | undefined>(undefined);
  const currentRef = useRef(current);
  currentRef.current = current;
  const top = stack[stack.length - 1] as Screen;

  const push = useCallback((screen: Screen) => setStack((s) => [...s, screen]), []);
  const pop = useCallback(() => setStack((s) => (s.length > 1 ? s.slice(0, -1) : s)), []);
  const replaceTop = useCallback((screen: Screen) => setStack((s) => [...s.slice(0, -1), screen]), []);
  const updateTop = useCallback((update: (screen: Screen) => Screen) => setStack((s) => [...s.slice(0, -1), update(s[s.length - 1] as Screen)]), []);
  const notify = useCallback((text: string, tone?: 'error') => setMessage(tone ? { text, tone } : { text }), []);

  const submitPrompt = (submitted: PromptState): void => {
    const text = submitted.text.trim();
    if (!text) return;
    if (submitted.kind === 'search' && top.kind === 'jobs') {
      void services.getJob(top.queue, text).then(
        (job) => (job ? push({ kind: 'job', queue: top.queue, jobId: text }) : notify(`no job ${text} in ${top.queue}`, 'error')),
        (error: unknown) => notify(String(error), 'error'),
      );
    } else if (top.kind === 'traces') {
      const id = text.toLowerCase();
      if (submitted.kind === 'trace-id' && isFullTraceId(id)) replaceTop({ ...top, focus: 'waterfall', traceId: id, spanSelected: 0, folded: [], fromList: false });
      else replaceTop({ ...top, filter: text, listSelected: 0, focus: 'list' });
    } else if (submitted.kind === 'trace-id') {
      const id = text.toLowerCase();
      push(isFullTraceId(id) ? { kind: 'related', traceId: id, selected: 0 } : { ...tracesScreen(), filter: id });
    }
  };

  useGlobalKeys({
    services, top, depth: stack.length, help, prompt, current, setHelp, setPrompt, submitPrompt,
    push, pop, replaceTop, notify, exit: () => exit(),
  });

  const context = useMemo<AppContextValue>(() => ({
    services, refreshMs, keysActive: !help && !prompt, push, updateTop, notify, setCurrentTrace: setCurrent,
  }), [services, refreshMs, help, prompt, push, updateTop, notify]);

  const bodyHeight = Math.max(6, rows - 4);
  const body = { width: columns, height: bodyHeight };
  let view: React.JSX.Element;
  if (help) view = <HelpView width={columns} height={bodyHeight} />;
  else if (top.kind === 'queues') view = <QueuesView screen={top} {...body} />;
  else if (top.kind === 'jobs') view = <JobsView key={`${top.queue}`} screen={top} {...body} />;
  else if (top.kind === 'job') view = <JobView key={`${top.queue}:${top.jobId}`} screen={top} {...body} />;
  else if (top.kind === 'related') view = <RelatedView key={top.traceId} screen={top} {...body} />;
  else view = <TracesView screen={top} {...body} />;

  const status = prompt
    ? { text: `${promptLabel(prompt.kind)}${prompt.text}█`, tone: 'prompt' as const }
    : { text: message.text || (current ? `trace ${current.traceId}` : ''), tone: message.tone };
  return (
    <AppContext.Provider value={context}>
      <Box flexDirection="column" width={columns} height={rows - 1}>
        <Header title={screenTitle(top)} source={`${services.redisLabel} · ${services.traceSourceName}`} width={columns} />
        {view}
        <StatusLine text={status.text} tone={status.tone} />
        <Footer keys={keysFor(top)} width={columns} />
      </Box>
    </AppContext.Provider>
  );
}
