import { AttributeNamespaces, BullmqNativeSafeAttributes, BullmqPayloadAttributes, QUEUE_OTEL_ATTRIBUTE_KEYS } from '../vocabulary';

/**
 * Semantic-convention keys and prefixes that an application's own spans (HTTP, RPC, database, messaging)
 * commonly carry and that describe the operation rather than the person. Values still go through every
 * detector: `url.full` keeps its path but loses an e-mail in the query string.
 */
const SEMCONV_ALLOWED: readonly string[] = [
  'http.*',
  'url.*',
  'server.*',
  'client.*',
  'network.*',
  'rpc.*',
  'db.system*',
  'db.operation*',
  'db.collection.name',
  'db.namespace',
  'db.response.status_code',
  // Query text is allowed because its SQL literals are stripped and a Redis script call's arguments redacted
  // (see stripSqlLiterals and redactRedisScriptArgs).
  'db.query.text',
  'db.statement',
  `${AttributeNamespaces.messaging}*`,
  'error.*',
  'exception.*',
  'otel.*',
  'thread.*',
  'code.*',
  'peer.service',
];

/**
 * The default allowlist: every key QueueOtel writes, BullMQ's own payload-free keys, and common
 * semantic-convention keys for the application's own spans.
 */
export const DEFAULT_ALLOWED_ATTRIBUTES: readonly string[] = Object.freeze([
  // A Set: QueueOtel and BullMQ share some keys (bullmq.job.id, bullmq.job.name).
  ...new Set([...QUEUE_OTEL_ATTRIBUTE_KEYS, ...BullmqNativeSafeAttributes, ...SEMCONV_ALLOWED]),
]);

/**
 * The default blocklist (case-insensitive globs). It wins over the allowlist, so for example
 * `http.request.header.authorization` is dropped although `http.*` is allowed.
 */
export const DEFAULT_BLOCKED_ATTRIBUTES: readonly string[] = Object.freeze([
  '*password*',
  '*passwd*',
  '*secret*',
  '*token*',
  '*authorization*',
  '*cookie*',
  '*api_key*',
  '*apikey*',
  '*api-key*',
  '*credential*',
  '*private_key*',
  '*session_id*',
  'user.*',
  'enduser.*',
  'payment.*',
  '*card_number*',
  '*.email',
  // Raw HTTP headers and RPC metadata whose name says auth or key (`x-auth`, `x-api-key`, `x-functions-key`,
  // `proxy-authenticate`): their value is the credential, and no detector can tell a bare token from an id.
  '*.header.*auth*',
  '*.header.*key*',
  '*.metadata.*auth*',
  '*.metadata.*key*',
]);

/**
 * Keys whose values are job data, results, progress or options. With `redactPayloads` they are exported
 * only as size and hash.
 */
export const PAYLOAD_ATTRIBUTE_KEYS: readonly string[] = Object.freeze([...BullmqPayloadAttributes]);

/**
 * Keys holding query text: SQL, whose literals `stripSqlLiterals` replaces, or a Redis command, whose keys and
 * arguments `redactRedisScriptArgs` replaces when it is a script call.
 */
export const SQL_ATTRIBUTE_KEYS: readonly string[] = Object.freeze(['db.query.text', 'db.statement']);
