/**
 * Which BullMQ job a span is about, read from the attributes QueueOtel and BullMQ put on spans.
 */
import { BullmqAttributes, BullmqNativeAttributes, MessagingAttributes } from '../vocabulary';
import type { TraceAttributes } from '../traces/span-model';

/** A job named by its queue and id; `name` is the job name when a span carried it. */
export interface JobRef {
  queue: string;
  jobId: string;
  name?: string;
}

// BullMQ's own spans name the queue with its own key; QueueOtel's use the semantic-convention key.
const QUEUE_KEYS = [MessagingAttributes.destinationName, BullmqNativeAttributes.queueName] as const;
const JOB_ID_KEYS = [BullmqAttributes.jobId, MessagingAttributes.messageId] as const;

function firstString(attributes: TraceAttributes, keys: readonly string[]): string | undefined {
  for (const key of keys) {
    const value = attributes[key];
    if (typeof value === 'string' && value !== '') return value;
    if (typeof value === 'number') return String(value);
  }
  return undefined;
}

/** The job a span refers to, or undefined when it lacks a queue or a job id (batch spans, background work). */
export function jobRefOf(attributes: TraceAttributes): JobRef | undefined {
  const queue = firstString(attributes, QUEUE_KEYS);
  const jobId = firstString(attributes, JOB_ID_KEYS);
  if (queue === undefined || jobId === undefined) return undefined;
  const name = firstString(attributes, [BullmqAttributes.jobName]);
  return name === undefined ? { queue, jobId } : { queue, jobId, name };
}

/** The field under which a job is kept in a trace's jobs hash: JSON keeps any character unambiguous. */
export function jobField(queue: string, jobId: string): string {
  return JSON.stringify([queue, jobId]);
}

/** Parses a field written by {@link jobField}; undefined when it is not one. */
export function parseJobField(field: string): { queue: string; jobId: string } | undefined {
  try {
    const parsed: unknown = JSON.parse(field);
    if (Array.isArray(parsed) && typeof parsed[0] === 'string' && typeof parsed[1] === 'string') {
      return { queue: parsed[0], jobId: parsed[1] };
    }
  } catch {
    // not one of ours
  }
  return undefined;
}
