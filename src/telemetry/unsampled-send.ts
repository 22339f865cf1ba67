import { ROOT_CONTEXT, trace } from '../otel-api';
import type { Context, Span, SpanContext } from '@opentelemetry/api';
import type { Span as BullmqSpan } from 'bullmq';
import { LIGHT_ROOT } from '../context';
import { UNSEEN_UNSAMPLED_ROOT } from './zero-rate-sends';

/**
 * BullMQ's span for a send (`add`, `addBulk`) sampled out before it began: a QueueSampler samples its queue and job
 * name at 0 and it has no trace to follow (see zero-rate-sends.ts). It holds the SDK's non-recording span, whose
 * ids were drawn when BullMQ asked for it, and ignores what BullMQ sets on it, as that span would. Where a
 * deferred span costs an object per send, its attributes copied twice and a start through the policy, this costs
 * one small object, and sends whose ids nobody sees share {@link UNSEEN_UNSAMPLED_SEND}.
 *
 * The context manager knows it: its job metadata is the unsampled mark in a `lean` setup (the trace context of the
 * non-recording span with `propagate`), and BullMQ's write runs without entering its context, which nothing could
 * observe.
 */
export class UnsampledSend implements BullmqSpan<Context>, Span {
  /** This span on the empty context, made once: a send outside any trace gets the same context every time. */
  private onRoot: Context | undefined;

  constructor(private readonly real: Span) {}

  spanContext(): SpanContext {
    return this.real.spanContext();
  }

  setSpanOnContext(ctx: Context): Context {
    // A producer outside any trace hands BullMQ the API's empty context: the light one is the same, one node cheaper.
    if (ctx === ROOT_CONTEXT || ctx === LIGHT_ROOT) return (this.onRoot ??= trace.setSpan(LIGHT_ROOT, this));
    return trace.setSpan(ctx, this);
  }

  setAttribute(): this {
    return this;
  }

  setAttributes(): this {
    return this;
  }

  addEvent(): this {
    return this;
  }

  addLink(): this {
    return this;
  }

  addLinks(): this {
    return this;
  }

  setStatus(): this {
    return this;
  }

  updateName(): this {
    return this;
  }

  isRecording(): boolean {
    return false;
  }

  recordException(): void {}

  end(): void {}
}

/** The one send span for every send whose ids nobody sees (see unsampledRootUnseen in zero-rate-sends.ts). */
export const UNSEEN_UNSAMPLED_SEND = new UnsampledSend(UNSEEN_UNSAMPLED_ROOT);
