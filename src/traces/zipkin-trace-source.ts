/** Zipkin client: `/api/v2/trace/{id}`. */
import { checkOptionNames } from '../options';
import type { TraceSpan } from './span-model';
import { HTTP_SOURCE_OPTIONS } from './trace-source';
import type { HttpTraceSourceOptions, TraceSource } from './trace-source';
import { DEFAULT_TIMEOUT_MS, httpGetText, normaliseBaseUrl, parseJsonBody } from './http-get';
import { requireTraceId } from './span-ids';
import { checkMaxBytes } from './bounded-body';
import { parseZipkinV2 } from './zipkin-parser';
import { completeRead } from './trace-read';
import type { TraceRead } from './trace-read';

/** Options for {@link ZipkinTraceSource}. */
export type ZipkinTraceSourceOptions = HttpTraceSourceOptions;

/** Reads traces from a Zipkin server's v2 API. */
export class ZipkinTraceSource implements TraceSource {
  /** @inheritdoc */
  readonly name = 'Zipkin';
  private readonly baseUrl: string;
  private readonly headers: Record<string, string>;
  private readonly timeoutMs: number;
  private readonly maxBytes: number;

  /**
   * @param options base URL (for example `http://localhost:9411`), headers and timeout
   * @throws TypeError for a name that is no option (naming the nearest one), a bad base URL or byte limit.
   */
  constructor(options: ZipkinTraceSourceOptions) {
    checkOptionNames(options, HTTP_SOURCE_OPTIONS, 'ZipkinTraceSource');
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
    const url = `${this.baseUrl}/api/v2/trace/${requireTraceId(traceId)}`;
    const text = await httpGetText({ backend: this.name, url, headers: this.headers, timeoutMs: this.timeoutMs, maxBytes: this.maxBytes, signal });
    return text === undefined ? [] : parseZipkinV2(parseJsonBody(this.name, url, text));
  }

  /** @inheritdoc Zipkin's API has no way to say a trace is partial: the read is always complete. */
  async readTrace(traceId: string, signal?: AbortSignal): Promise<TraceRead> {
    return completeRead(await this.getTrace(traceId, signal));
  }
}
