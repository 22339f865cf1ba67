/**
 * Reads one job with BullMQ, or says why its hash cannot be read. BullMQ parses a job's `data` and `opts` fields as
 * JSON and throws on anything else; whatever wrote the hash (another tool, a hand edit, a bug) is not ours to trust,
 * and one such job must not hide the page of jobs around it.
 */
import { Job } from 'bullmq';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { boundText } from './bounded-text';

/** Longest job name or reason an unreadable job's row carries: the rest of its hash is unknown anyway. */
const MAX_TEXT = 200;

/** What is known of a job whose hash BullMQ could not read. */
export interface UnreadableJob {
  id: string;
  /** Its `name` field, cut to a couple of hundred characters; empty when missing. */
  name: string;
  /** Its `timestamp` field when that is a number, else 0. */
  timestamp: number;
  /** Why BullMQ could not read it, e.g. `data is not JSON`. */
  reason: string;
}

/** A job as BullMQ reads it, or what is known of an unreadable one. */
export type ReadJob = { job: Job; unreadable?: undefined } | { job?: undefined; unreadable: UnreadableJob };

function cut(text: string): string {
  return boundText(text, MAX_TEXT);
}

/** The first field BullMQ would choke on, named as the user would look for it in the hash. */
function diagnose(data: string | null, opts: string | null, error: unknown): string {
  const parsed = (field: string, text: string | null): unknown => {
    if (text === null || text === '') return {};
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new Error(`${field} is not JSON`);
    }
  };
  try {
    parsed('data', data);
    const options = parsed('opts', opts);
    if (typeof options !== 'object' || options === null) return 'opts is not a JSON object';
  } catch (problem) {
    return (problem as Error).message;
  }
  return `BullMQ could not read it: ${cut(error instanceof Error ? `${error.name}: ${error.message}` : String(error))}`;
}

/**
 * Job `id` of `queue`, undefined when it does not exist. A hash BullMQ throws on is read again field by field, to
 * say which field is wrong; a Redis error (connection lost, wrong key type) still rejects.
 */
export async function readJob(queue: Queue, client: Redis, key: string, id: string): Promise<ReadJob | undefined> {
  let failure: unknown;
  try {
    const job = await Job.fromId(queue, id);
    return job ? { job } : undefined;
  } catch (error) {
    failure = error;
  }
  const [name = null, timestamp = null, data = null, opts = null] = await client.hmget(key, 'name', 'timestamp', 'data', 'opts');
  // The hash is read again after the failed read: a job removed in between is gone, not unreadable.
  if (name === null && timestamp === null && data === null && opts === null) return undefined;
  const stamp = Number(timestamp);
  return {
    unreadable: {
      id,
      name: cut(name ?? ''),
      timestamp: Number.isFinite(stamp) && stamp > 0 ? stamp : 0,
      reason: diagnose(data, opts, failure),
    },
  };
}
