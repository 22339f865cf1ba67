/** `--help` texts of the command and each subcommand. */

const CONNECTION = `Connection:
  --redis <url>            Redis holding the queues and the span store   [REDIS_URL, default redis://127.0.0.1:6379]
  --prefix <p>             BullMQ key prefix                              [QUEUE_OTEL_BULL_PREFIX, default bull]
  --key-prefix <p>         span store key prefix                          [QUEUE_OTEL_KEY_PREFIX, default qo]`;

const TRACES = `Traces and links:
  --trace-source <s>       redis (span store) | jaeger | tempo | zipkin   [QUEUE_OTEL_TRACE_SOURCE, default redis]
  --trace-url <url>        query API of the backend                       [QUEUE_OTEL_TRACE_URL]
  --apm <preset>           jaeger | grafana-tempo | datadog | honeycomb | zipkin   [QUEUE_OTEL_APM]
  --apm-url <url>          base URL of the APM UI                         [QUEUE_OTEL_APM_URL]
  --apm-datasource <uid>   Tempo data source uid (--apm grafana-tempo)    [QUEUE_OTEL_APM_DATASOURCE]
  --link-template <t>      custom deep link, e.g. https://apm/t/{traceId}?from={startMs}   [QUEUE_OTEL_LINK_TEMPLATE]`;

/** Help per command name. */
export const HELP: Record<string, string> = {
  main: `queue-otel: trace-aware terminal UI and tools for BullMQ

Usage: queue-otel [command] [options]

Commands:
  tui                      interactive UI: queues, jobs, traces, waterfalls (default)
  jobs <queue>             list jobs of a queue (--state, --trace-id, --json)
  trace <traceId>          print a trace as a text waterfall (--json)
  demo                     embedded Redis + producer + two workers + the UI

Run "queue-otel <command> --help" for its options.

${CONNECTION}

${TRACES}`,
  tui: `Usage: queue-otel tui [options]

Opens the interactive UI. Press ? inside for every key.

  --queue <name>           start on the jobs of this queue
  --trace <traceId>        start on the waterfall of this trace
  --refresh <ms>           live refresh interval, 200 to 3600000          [QUEUE_OTEL_REFRESH_MS, default 2000]
  QUEUE_OTEL_OPENER        program that opens links (default xdg-open / open / explorer.exe)

${CONNECTION}

${TRACES}`,
  jobs: `Usage: queue-otel jobs <queue> [options]

Lists jobs of a queue, newest first, reading at most --limit jobs per state.

  --state <state>          waiting | active | delayed | prioritized | waiting-children | completed | failed
                           (default: every state)
  --trace-id <id>          only jobs of this trace (from the span store's trace-to-job index)
  --limit <n>              at most n jobs per state, 1 to 10000 (default 50)
  --json                   one JSON array instead of a table

${CONNECTION}`,
  trace: `Usage: queue-otel trace <traceId> [options]

Prints a trace as a text waterfall (tree, bars on a time ruler, [!] errors, * critical path).

  --width <n>              width in columns, 20 to 1000 (default: the terminal's, else 100)
  --json                   the spans as JSON (normalised span model)

${CONNECTION}

${TRACES}`,
  demo: `Usage: queue-otel demo [options]

Starts an embedded Redis (unless --redis is given), a producer and two workers in child processes that
trace into the Redis span store and serve Prometheus metrics, then opens the UI. q or Ctrl+C stops everything.

  --redis <url>            use this Redis instead of starting one
  --headless               do not open the UI; run until Ctrl+C
  --metrics-port <n>       first port of the workers' metrics endpoints (default: free ports, printed at start and in the UI's ? help)

${TRACES}`,
};
