/** Grafana Tempo client: `/api/v2/traces/{id}` with a fallback to v1 `/api/traces/{id}` on older Tempo. */
import { checkOptionNames } from '../options';
import type { TraceSpan } from './span-model';
import { HTTP_SOURCE_OPTIONS } from './trace-source';
import type { HttpTraceSourceOptions, TraceSource } from './trace-source';
import { DEFAULT_TIMEOUT_MS, httpGetText, normaliseBaseUrl, parseJsonBody } from './http-get';
import { requireTraceId } from './span-ids';
import { checkMaxBytes } from './bounded-body';
import { parseTempoV1, parseTempoV2, tempoV2Completeness } from './tempo-parser';
import { completeRead } from './trace-read';
import type { TraceRead } from './trace-read';

/** Options for {@link TempoTraceSource}. */
export type TempoTraceSourceOptions = HttpTraceSourceOptions;

/** Reads traces from Grafana Tempo's HTTP API. */
export class TempoTraceSource implements TraceSource {
  /** @inheritdoc */
  readonly name = 'Tempo';
  private readonly baseUrl: string;
  private readonly headers: Record<string, string>;
  private readonly timeoutMs: number;
  private readonly maxBytes: number;
  /** Set once v2 has answered: from then on a v2 404 means "unknown trace", so v1 is not asked again. */
  private v2Answered = false;

  /**
   * @param options base URL (for example `http://localhost:3200`), headers and timeout
   * @throws TypeError for a name that is no option (naming the nearest one), a bad base URL or byte limit.
   */
  constructor(options: TempoTraceSourceOptions) {
    checkOptionNames(options, HTTP_SOURCE_OPTIONS, 'TempoTraceSource');
    this.baseUrl = normaliseBaseUrl(this.name, options.baseUrl);
    this.headers = options.headers ?? {};
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.maxBytes = checkMaxBytes(this.name, options.maxResponseBytes);
  }

  /**
   * The spans of {@link readTrace}, without what the backend said of the trace's completeness: for code that only
   * needs spans. To show a trace, use `readTrace`, which says when the backend returned only part of it.
   */
  async getTrace(traceId: string, signal?: AbortSignal): Promise<TraceSpan[]> {
    return (await this.readTrace(traceId, signal)).spans;
  }

  /** @inheritdoc */
  async readTrace(traceId: string, signal?: AbortSignal): Promise<TraceRead> {
    const id = requireTraceId(traceId);
    const v2Url = `${this.baseUrl}/api/v2/traces/${id}`;
    const v2 = await this.get(v2Url, signal);
    if (v2 !== undefined) {
      this.v2Answered = true;
      const body = parseJsonBody(this.name, v2Url, v2);
      return { spans: parseTempoV2(body), ...tempoV2Completeness(body) };
    }
    if (this.v2Answered) return completeRead([]);
    const v1Url = `${this.baseUrl}/api/traces/${id}`;
    const v1 = await this.get(v1Url, signal);
    return completeRead(v1 === undefined ? [] : parseTempoV1(parseJsonBody(this.name, v1Url, v1)));
  }

  private get(url: string, signal: AbortSignal | undefined): Promise<string | undefined> {
    return httpGetText({ backend: this.name, url, headers: this.headers, timeoutMs: this.timeoutMs, maxBytes: this.maxBytes, signal });
  }
}
