import { trace } from '../otel-api';
import type { Tracer, TracerProvider } from '@opentelemetry/api';
import type { SetupWarningLogger } from './options';

/** The API's global `ProxyTracerProvider` (of this or another compatible copy of `@opentelemetry/api`). */
interface DelegatingTracerProvider extends TracerProvider {
  getDelegateTracer?(name: string): Tracer | undefined;
}

/**
 * Whether a tracer provider is registered globally, e.g. by the application's own `NodeSDK`. The API always
 * hands out its proxy; a registered SDK is the proxy's delegate, and `getDelegateTracer` answers undefined
 * exactly when there is none. A global that is no such proxy was registered some other way: it counts.
 */
export function tracerProviderRegistered(): boolean {
  const global = trace.getTracerProvider() as DelegatingTracerProvider;
  if (typeof global.getDelegateTracer !== 'function') return true;
  return global.getDelegateTracer('queue-otel/setup') !== undefined;
}

// One warning per registration: calling setupTracing in several modules of one app must not repeat it.
const warnedAbout = new WeakSet<object>();

/** Explains, once per registered provider, why setupTracing starts nothing and what to do instead. */
export function warnProviderAlreadyRegistered(logger: SetupWarningLogger): void {
  const global = trace.getTracerProvider();
  if (warnedAbout.has(global)) return;
  warnedAbout.add(global);
  logger(
    'queue-otel/setup: a tracer provider is already registered (the application runs its own OpenTelemetry SDK, ' +
      'e.g. NodeSDK), so setupTracing() starts nothing and returns { enabled: false, reason: ' +
      "'provider-already-registered' }. QueueOtel's spans go to the application's provider and its exporter. " +
      "Give that SDK QueueOtel's pieces instead: sampler: new QueueSampler(...), and a SanitizingSpanProcessor " +
      'around its span processor (docs/setup.md, "An application with its own SDK").',
  );
}
