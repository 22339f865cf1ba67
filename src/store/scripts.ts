/**
 * Lua scripts of the span store. Each touches the keys of exactly one hash tag, so each runs on one cluster
 * slot. They are registered with ioredis' `defineCommand` (EVALSHA with an EVAL fallback, also inside
 * pipelines) under `qo`-prefixed names; the script text does not depend on the key prefix, so registering
 * them again on a shared client is harmless.
 *
 * Numbers that may exceed 14 significant digits (microsecond timestamps) are never turned into strings by
 * Lua (whose `%.14g` formatting would round them): the scripts compare them with `tonumber` and store the
 * caller's original string.
 */
import type { RedisClient } from './connection';

/**
 * KEYS: spans, meta, jobs. ARGV: ttlMs, maxSpans, minStartUs, maxEndUs, rootName, error ('1'/'0'),
 * spanCount, jobCount, ...spans, ...(jobField, jobName) pairs. Returns {stored, dropped}.
 */
const STORE_TRACE = `
local ttl, max = ARGV[1], tonumber(ARGV[2])
local n, nj = tonumber(ARGV[7]), tonumber(ARGV[8])
local len = redis.call('LLEN', KEYS[1])
local take = math.max(0, math.min(n, max - len))
local i = 9
while i < 9 + take do
  local last = math.min(i + 499, 8 + take)
  redis.call('RPUSH', KEYS[1], unpack(ARGV, i, last))
  i = last + 1
end
local m = KEYS[2]
local cur = redis.call('HGET', m, 's')
if not cur or tonumber(ARGV[3]) < tonumber(cur) then redis.call('HSET', m, 's', ARGV[3]) end
cur = redis.call('HGET', m, 'e')
if not cur or tonumber(ARGV[4]) > tonumber(cur) then redis.call('HSET', m, 'e', ARGV[4]) end
if ARGV[5] ~= '' then redis.call('HSET', m, 'n', ARGV[5]) end
if ARGV[6] == '1' then redis.call('HSET', m, 'x', '1') end
redis.call('HSET', m, 'c', len + take)
if n > take then redis.call('HINCRBY', m, 'd', n - take) end
for j = 9 + n, 8 + n + 2 * nj, 2 do
  if ARGV[j + 1] ~= '' then redis.call('HSET', KEYS[3], ARGV[j], ARGV[j + 1])
  else redis.call('HSETNX', KEYS[3], ARGV[j], '') end
end
redis.call('PEXPIRE', KEYS[1], ttl)
redis.call('PEXPIRE', m, ttl)
redis.call('PEXPIRE', KEYS[3], ttl)
return {take, n - take}
`;

/**
 * KEYS: traces, pending, sequence. ARGV: nowMs, expiredBeforeMs, maxTraces, buffer ('1'/'0'), ...traceIds.
 * Returns the trace ids evicted by the global cap (their keys are deleted by the caller).
 */
const TOUCH_INDEX = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', '(' .. ARGV[2])
for i = 5, #ARGV do
  redis.call('ZADD', KEYS[1], ARGV[1], ARGV[i])
  if ARGV[4] == '1' then redis.call('ZADD', KEYS[2], redis.call('INCR', KEYS[3]), ARGV[i]) end
end
local excess = redis.call('ZCARD', KEYS[1]) - tonumber(ARGV[3])
if excess <= 0 then return {} end
local evicted = redis.call('ZRANGE', KEYS[1], 0, excess - 1)
redis.call('ZREMRANGEBYRANK', KEYS[1], 0, excess - 1)
for _, id in ipairs(evicted) do redis.call('ZREM', KEYS[2], id) end
return evicted
`;

/** KEYS: spans, meta. ARGV: maxCount. Returns {forwarded, length, spansNotYetForwarded}. */
const READ_UNFORWARDED = `
local f = tonumber(redis.call('HGET', KEYS[2], 'f') or '0')
local len = redis.call('LLEN', KEYS[1])
local items = {}
if f < len then items = redis.call('LRANGE', KEYS[1], f, f + tonumber(ARGV[1]) - 1) end
return {f, len, items}
`;

/**
 * KEYS: meta. ARGV: expectedForwarded, newForwarded. Compare-and-set, so two drainers cannot both advance
 * the same trace; never creates the hash (it would have no TTL). Returns 1 when set.
 */
const MARK_FORWARDED = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
local f = tonumber(redis.call('HGET', KEYS[1], 'f') or '0')
if f ~= tonumber(ARGV[1]) then return 0 end
redis.call('HSET', KEYS[1], 'f', ARGV[2])
return 1
`;

/**
 * KEYS: pending. ARGV: traceId, sequenceSeen. Removes the trace from the pending set only if no write
 * happened since it was read (every write gives it a new sequence number). Returns 1 when removed.
 */
const UNPEND_IF_UNCHANGED = `
local s = redis.call('ZSCORE', KEYS[1], ARGV[1])
if s and tonumber(s) == tonumber(ARGV[2]) then return redis.call('ZREM', KEYS[1], ARGV[1]) end
return 0
`;

/** Names under which the scripts are registered on a client. */
export const ScriptNames = {
  storeTrace: 'qoStoreTrace',
  touchIndex: 'qoTouchIndex',
  readUnforwarded: 'qoReadUnforwarded',
  markForwarded: 'qoMarkForwarded',
  unpendIfUnchanged: 'qoUnpendIfUnchanged',
} as const;

const DEFINITIONS: ReadonlyArray<[string, number, string]> = [
  [ScriptNames.storeTrace, 3, STORE_TRACE],
  [ScriptNames.touchIndex, 3, TOUCH_INDEX],
  [ScriptNames.readUnforwarded, 2, READ_UNFORWARDED],
  [ScriptNames.markForwarded, 1, MARK_FORWARDED],
  [ScriptNames.unpendIfUnchanged, 1, UNPEND_IF_UNCHANGED],
];

/** Registers the store's scripts on `client` unless they are there already. */
export function ensureScripts(client: RedisClient): void {
  const methods = client as unknown as Record<string, unknown>;
  for (const [name, numberOfKeys, lua] of DEFINITIONS) {
    if (typeof methods[name] !== 'function') client.defineCommand(name, { numberOfKeys, lua });
  }
}
