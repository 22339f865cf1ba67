/** Jaeger query client: `/api/v3/traces/{id}` (OTLP/JSON) with a fallback to the legacy `/api/traces/{id}`. */
import { checkOptionNames } from '../options';
import type { TraceSpan } from './span-model';
import { HTTP_SOURCE_OPTIONS } from './trace-source';
import type { HttpTraceSourceOptions, TraceSource } from './trace-source';
import { DEFAULT_TIMEOUT_MS, httpGetText, normaliseBaseUrl, parseJsonBody, redactUrl } from './http-get';
import { jaegerLegacyErrors, parseJaegerLegacy } from './jaeger-legacy-parser';
import { completeRead } from './trace-read';
import type { TraceRead } from './trace-read';
import { jaegerV3Errors, parseJaegerV3, parseJsonDocuments } from './jaeger-v3-parser';
import { requireTraceId } from './span-ids';
import { checkMaxBytes } from './bounded-body';

/** Options for {@link JaegerTraceSource}. */
export interface JaegerTraceSourceOptions extends HttpTraceSourceOptions {
  /** Which API to call; `auto` (the default) tries v3 and falls back to legacy when v3 answers 404. */
  api?: 'v3' | 'legacy' | 'auto';
}

const JAEGER_OPTIONS: Readonly<Record<keyof JaegerTraceSourceOptions, true>> = { ...HTTP_SOURCE_OPTIONS, api: true };

/** Reads traces from a Jaeger query service (Jaeger v1 or v2). */
export class JaegerTraceSource implements TraceSource {
  /** @inheritdoc */
  readonly name = 'Jaeger';
  private readonly baseUrl: string;
  private readonly api: 'v3' | 'legacy' | 'auto';
  private readonly headers: Record<string, string>;
  private readonly timeoutMs: number;
  private readonly maxBytes: number;
  /** Set once v3 has answered: from then on a v3 404 means "unknown trace", not "no v3 API". */
  private v3Answered = false;

  /**
   * @param options base URL, API choice, headers and timeout
   * @throws TypeError for a name that is no option (naming the nearest one), a bad base URL or byte limit.
   */
  constructor(options: JaegerTraceSourceOptions) {
    checkOptionNames(options, JAEGER_OPTIONS, 'JaegerTraceSource');
    this.baseUrl = normaliseBaseUrl(this.name, options.baseUrl);
    this.api = options.api ?? 'auto';
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

  /**
   * @inheritdoc
   * An answer with errors (legacy `errors`, v3 `{"error": ...}` chunks) is partial when it has spans too, and rejects
   * (with Jaeger's messages) when not.
   */
  async readTrace(traceId: string, signal?: AbortSignal): Promise<TraceRead> {
    const id = requireTraceId(traceId);
    if (this.api === 'legacy') return this.readLegacy(id, signal);
    const url = `${this.baseUrl}/api/v3/traces/${id}`;
    const text = await httpGetText({ backend: this.name, url, headers: this.headers, timeoutMs: this.timeoutMs, maxBytes: this.maxBytes, signal });
    if (text !== undefined) {
      this.v3Answered = true;
      const documents = this.documents(url, text);
      return this.withErrors(url, parseJaegerV3(documents), jaegerV3Errors(documents));
    }
    if (this.api === 'v3' || this.v3Answered) return completeRead([]);
    return this.readLegacy(id, signal);
  }

  private async readLegacy(id: string, signal: AbortSignal | undefined): Promise<TraceRead> {
    const url = `${this.baseUrl}/api/traces/${id}`;
    const text = await httpGetText({ backend: this.name, url, headers: this.headers, timeoutMs: this.timeoutMs, maxBytes: this.maxBytes, signal });
    if (text === undefined) return completeRead([]);
    const body = parseJsonBody(this.name, url, text);
    return this.withErrors(url, parseJaegerLegacy(body), jaegerLegacyErrors(body));
  }

  /** Spans with the errors Jaeger sent next to them in a 200: partial with spans, a rejection without. */
  private withErrors(url: string, spans: TraceSpan[], errors: string[]): TraceRead {
    if (errors.length === 0) return completeRead(spans);
    // Without spans, the errors are the answer: "not found" would hide a failing storage backend.
    if (spans.length === 0) throw new Error(`${this.name}: GET ${redactUrl(url)} answered with errors: ${errors.join('; ')}`);
    return { spans, partial: true, warnings: errors };
  }

  private documents(url: string, text: string): unknown[] {
    try {
      return parseJsonDocuments(text);
    } catch (error) {
      throw new Error(`${this.name}: GET ${redactUrl(url)} returned a body that is not JSON`, { cause: error });
    }
  }
}
