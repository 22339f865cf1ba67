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
 * spanCount, jobCount, notSent, ...spans, ...(jobField, jobName) pairs, where notSent counts the trace's spans the
 * caller left out of this call (past maxSpans in its batch: they could not be stored). Returns {stored, dropped},
 * dropped including notSent. The jobs hash holds at most maxSpans jobs: later ones are not listed.
 */
const STORE_TRACE = `
local ttl, max = ARGV[1], tonumber(ARGV[2])
local n, nj, unsent = tonumber(ARGV[7]), tonumber(ARGV[8]), tonumber(ARGV[9])
local len = redis.call('LLEN', KEYS[1])
local take = math.max(0, math.min(n, max - len))
local i = 10
while i < 10 + take do
  local last = math.min(i + 499, 9 + take)
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
local dropped = n - take + unsent
if dropped > 0 then redis.call('HINCRBY', m, 'd', dropped) end
local room = max - redis.call('HLEN', KEYS[3])
for j = 10 + n, 9 + n + 2 * nj, 2 do
  local known = redis.call('HEXISTS', KEYS[3], ARGV[j]) == 1
  if known or room > 0 then
    if not known then room = room - 1 end
    if ARGV[j + 1] ~= '' then redis.call('HSET', KEYS[3], ARGV[j], ARGV[j + 1])
    else redis.call('HSETNX', KEYS[3], ARGV[j], '') end
  end
end
redis.call('PEXPIRE', KEYS[1], ttl)
redis.call('PEXPIRE', m, ttl)
redis.call('PEXPIRE', KEYS[3], ttl)
return {take, dropped}
`;

/**
 * KEYS: traces, pending, sequence, jobTraces, jobTimes. ARGV: nowMs, expiredBeforeMs, maxTraces, buffer
 * ('1'/'0'), ttlMs, maxJobs, maxTracesPerJob, traceCount, ...traceIds, ...(jobDigest, traceId) pairs, where
 * every trace id of a pair is 32 hex digits. Forgets traces and jobs last written before expiredBeforeMs,
 * records the batch, applies the caps, refreshes the TTL of all five keys. Returns the trace ids evicted by
 * the trace cap (their keys are deleted by the caller).
 */
const TOUCH_INDEX = `
local now, before = ARGV[1], '(' .. ARGV[2]
local maxTraces, ttl = tonumber(ARGV[3]), ARGV[5]
local maxJobs, perJob, nt = tonumber(ARGV[6]), tonumber(ARGV[7]), tonumber(ARGV[8])
local function remove(command, key, members)
  for i = 1, #members, 500 do redis.call(command, key, unpack(members, i, math.min(i + 499, #members))) end
end
local old = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', before)
remove('ZREM', KEYS[1], old)
remove('ZREM', KEYS[2], old)
old = redis.call('ZRANGEBYSCORE', KEYS[5], '-inf', before)
remove('ZREM', KEYS[5], old)
remove('HDEL', KEYS[4], old)
for i = 9, 8 + nt do
  redis.call('ZADD', KEYS[1], now, ARGV[i])
  if ARGV[4] == '1' then redis.call('ZADD', KEYS[2], redis.call('INCR', KEYS[3]), ARGV[i]) end
end
for j = 9 + nt, #ARGV, 2 do
  local job, id = ARGV[j], ARGV[j + 1]
  local ids = redis.call('HGET', KEYS[4], job) or ''
  local known = false
  for k = 1, #ids, 32 do
    if string.sub(ids, k, k + 31) == id then known = true break end
  end
  if not known then
    ids = ids .. id
    if #ids > 32 * perJob then ids = string.sub(ids, #ids - 32 * perJob + 1) end
    redis.call('HSET', KEYS[4], job, ids)
  end
  redis.call('ZADD', KEYS[5], now, job)
end
local excess = redis.call('ZCARD', KEYS[5]) - maxJobs
if excess > 0 then
  local gone = redis.call('ZRANGE', KEYS[5], 0, excess - 1)
  redis.call('ZREMRANGEBYRANK', KEYS[5], 0, excess - 1)
  remove('HDEL', KEYS[4], gone)
end
for k = 1, 5 do redis.call('PEXPIRE', KEYS[k], ttl) end
excess = redis.call('ZCARD', KEYS[1]) - maxTraces
if excess <= 0 then return {} end
local evicted = redis.call('ZRANGE', KEYS[1], 0, excess - 1)
redis.call('ZREMRANGEBYRANK', KEYS[1], 0, excess - 1)
remove('ZREM', KEYS[2], evicted)
return evicted
`;

/**
 * Lua replacing every entry of `items` longer than `cap` bytes by an empty string, so that a huge record some other
 * process pushed is not sent to the reader (Redis has no length command for a list element; the script reads it,
 * which costs Redis a copy, not the network and the reader's memory). The entry keeps its place: positions and
 * counts stay those of the list, and the reader counts the empty entry as a record it skipped.
 */
const BLANK_OVERSIZED = `
local function blankOversized(items, cap)
  for i = 1, #items do
    if #items[i] > cap then items[i] = '' end
  end
  return items
end
`;

/** KEYS: spans, meta. ARGV: maxCount, maxRecordBytes. Returns {forwarded, length, spansNotYetForwarded}. */
const READ_UNFORWARDED = `${BLANK_OVERSIZED}
local f = tonumber(redis.call('HGET', KEYS[2], 'f') or '0')
local len = redis.call('LLEN', KEYS[1])
local items = {}
if f < len then items = blankOversized(redis.call('LRANGE', KEYS[1], f, f + tonumber(ARGV[1]) - 1), tonumber(ARGV[2])) end
return {f, len, items}
`;

/**
 * KEYS: spans, meta. ARGV: maxCount, maxRecordBytes. Returns {length, firstEntries, dropped}, entries longer than
 * maxRecordBytes blanked, dropped the meta hash's `d` (spans the exporter could not store: '0' without one, or when the
 * meta key is not a hash); {-1, {}, '0'} when the span key is not a list (and not missing), which the reader counts as
 * a skipped trace. Read in pages of 100, so a list of huge records is never in the script's memory all at once.
 */
const READ_TRACE = `${BLANK_OVERSIZED}
local function kindOf(key)
  local kind = redis.call('TYPE', key)
  if type(kind) == 'table' then kind = kind.ok end
  return kind
end
local kind = kindOf(KEYS[1])
if kind ~= 'list' and kind ~= 'none' then return {-1, {}, '0'} end
local len = redis.call('LLEN', KEYS[1])
local want, cap = math.min(len, tonumber(ARGV[1])), tonumber(ARGV[2])
local out = {}
for from = 0, want - 1, 100 do
  local page = blankOversized(redis.call('LRANGE', KEYS[1], from, math.min(from + 99, want - 1)), cap)
  for i = 1, #page do out[#out + 1] = page[i] end
end
local dropped = '0'
if kindOf(KEYS[2]) == 'hash' then dropped = redis.call('HGET', KEYS[2], 'd') or '0' end
return {len, out, dropped}
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

/**
 * Names under which the scripts are registered on a client. A script whose keys or arguments change gets a
 * new name, so two versions of this package sharing one client never run each other's script.
 */
export const ScriptNames = {
  storeTrace: 'qoStoreTraceV3',
  touchIndex: 'qoTouchIndexV2',
  readUnforwarded: 'qoReadUnforwardedV2',
  readTrace: 'qoReadTraceV2',
  markForwarded: 'qoMarkForwarded',
  unpendIfUnchanged: 'qoUnpendIfUnchanged',
} as const;

const DEFINITIONS: ReadonlyArray<[string, number, string]> = [
  [ScriptNames.storeTrace, 3, STORE_TRACE],
  [ScriptNames.touchIndex, 5, TOUCH_INDEX],
  [ScriptNames.readUnforwarded, 2, READ_UNFORWARDED],
  [ScriptNames.readTrace, 2, READ_TRACE],
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
