import {
  DEFAULT_ALLOWED_ATTRIBUTES,
  DEFAULT_BLOCKED_ATTRIBUTES,
  PAYLOAD_ATTRIBUTE_KEYS,
  SQL_ATTRIBUTE_KEYS,
} from './default-policy';
import { COMPUTED_NUMERIC_ATTRIBUTES } from '../vocabulary';
import { compileKeyPatterns } from './key-pattern';
import type { KeyMatcher } from './key-pattern';
import { SANITIZE_DEFAULTS } from './options';
import type { AttributeRedactor, SanitizeOptions } from './options';
import type { TextScanner } from './text-scanner';

/** Why a key is dropped; the names are the matching stats counters. */
export type DropReason = 'droppedNotAllowed' | 'droppedBlocked' | 'droppedPiiKey' | 'droppedLongKey';

/** What to do with every attribute under a given key. */
export type KeyDecision =
  | { readonly kind: 'drop'; readonly reason: DropReason }
  | { readonly kind: 'payload' }
  | {
      readonly kind: 'keep';
      /**
       * The value is query text (`db.query.text`, `db.statement`) with some query cleaning on: SQL literal stripping,
       * Redis script-call redaction or both (which ones the Sanitizer knows). False for every other key, so other
       * values pay nothing for it.
       */
      readonly query: boolean;
      readonly redactor?: AttributeRedactor;
      readonly trustedNumbers?: boolean;
      /**
       * How the value is scanned, if not with every detector as usual. `serverAddress`: the value names the
       * server the client talks to, and an IP address there is no one's personal data. `url`: the value is a
       * URL or part of one, where e-mail addresses are often percent-encoded (`%40`).
       */
      readonly scan?: ScanKind;
    };

/** A way of scanning values other than the usual one (see `KeyDecision`). */
export type ScanKind = 'serverAddress' | 'url';

// Shared instances: a cached decision costs no allocation per attribute.
const DROP_PII: KeyDecision = { kind: 'drop', reason: 'droppedPiiKey' };
const DROP_BLOCKED: KeyDecision = { kind: 'drop', reason: 'droppedBlocked' };
const DROP_NOT_ALLOWED: KeyDecision = { kind: 'drop', reason: 'droppedNotAllowed' };
const DROP_LONG: KeyDecision = { kind: 'drop', reason: 'droppedLongKey' };
const PAYLOAD: KeyDecision = { kind: 'payload' };
const KEEP: KeyDecision = { kind: 'keep', query: false };
const KEEP_QUERY: KeyDecision = { kind: 'keep', query: true };
const KEEP_TRUSTED_NUMBERS: KeyDecision = { kind: 'keep', query: false, trustedNumbers: true };
const KEEP_SERVER_ADDRESS: KeyDecision = { kind: 'keep', query: false, scan: 'serverAddress' };
const KEEP_URL: KeyDecision = { kind: 'keep', query: false, scan: 'url' };

/**
 * Keys whose value is the address of the server a client connects to (a Redis host, a database): the `ip`
 * detector does not apply there, every other one does. Addresses of peers that may be end users
 * (`client.address`, `network.peer.address`) are scanned as any value.
 */
const SERVER_ADDRESS_KEYS: ReadonlySet<string> = new Set(['server.address']);

/** Keys holding a URL or part of one (semantic conventions, and the deprecated `http.url` / `http.target`). */
const isUrlKey = (key: string): boolean => key.startsWith('url.') || key === 'http.url' || key === 'http.target';

/**
 * Longest attribute key considered, in UTF-16 code units. A key is exported whole or not at all (cutting it
 * would make it another key), so a longer one cannot be scanned on a prefix only: it is dropped before any
 * detector or pattern runs, and never cached, which also bounds the decision cache's memory.
 */
export const MAX_KEY_LENGTH = 256;

/**
 * Keys whose numeric values QueueOtel or BullMQ compute themselves (counts, sizes, durations, Redis
 * timestamps): never user data, so a number there is not scanned for card or phone numbers. A string
 * under one of these keys is still scanned.
 */
const TRUSTED_NUMERIC_KEYS: ReadonlySet<string> = new Set(COMPUTED_NUMERIC_ATTRIBUTES);
const NO_HITS = (): void => undefined;

/**
 * Decides per attribute key, in this order: a key longer than {@link MAX_KEY_LENGTH} is dropped; PII in the
 * key drops it; the blocklist drops it; payload keys are summarized; a key with a redactor, or on the
 * allowlist, is kept; anything else is dropped. Decisions are cached in a bounded Map because a process sees
 * a small, stable set of keys.
 */
export class KeyPolicy {
  private readonly allowed: KeyMatcher;
  private readonly blocked: KeyMatcher;
  private readonly allowAll: boolean;
  private readonly payloadKeys: ReadonlySet<string>;
  private readonly queryKeys: ReadonlySet<string>;
  private readonly exactRedactors = new Map<string, AttributeRedactor>();
  private readonly globRedactors: { matcher: KeyMatcher; redactor: AttributeRedactor }[] = [];
  private readonly cache = new Map<string, KeyDecision>();
  private readonly cacheSize: number;

  /** `options` were checked by the Sanitizer that builds this policy (check-sanitize-options.ts). */
  constructor(
    options: SanitizeOptions,
    private readonly scanner: TextScanner,
  ) {
    const redactPayloads = options.redactPayloads ?? SANITIZE_DEFAULTS.redactPayloads;
    const allowPatterns = [
      ...(options.allowedAttributes ?? DEFAULT_ALLOWED_ATTRIBUTES),
      ...(options.extraAllowedAttributes ?? []),
      // Without payload redaction the payload keys are exported as ordinary (detector-checked) values.
      ...(redactPayloads ? [] : PAYLOAD_ATTRIBUTE_KEYS),
    ];
    this.allowed = compileKeyPatterns(allowPatterns);
    this.blocked = compileKeyPatterns(
      [
        ...(options.blockedAttributes ?? DEFAULT_BLOCKED_ATTRIBUTES),
        ...(options.extraBlockedAttributes ?? []),
      ],
      { ignoreCase: true },
    );
    this.allowAll = options.allowAll ?? SANITIZE_DEFAULTS.allowAll;
    this.payloadKeys = new Set(redactPayloads ? PAYLOAD_ATTRIBUTE_KEYS : []);
    // Two independent switches: turning literal stripping off (to read one's SQL) must not export BullMQ's script
    // arguments, which are whole job payloads.
    const stripSql = options.stripSqlLiterals ?? SANITIZE_DEFAULTS.stripSqlLiterals;
    const redactScripts = options.redactRedisScriptArgs ?? SANITIZE_DEFAULTS.redactRedisScriptArgs;
    this.queryKeys = new Set(stripSql || redactScripts ? SQL_ATTRIBUTE_KEYS : []);
    for (const [pattern, redactor] of Object.entries(options.redactors ?? {})) {
      // A JavaScript caller may leave an entry undefined (`{ key: flag ? fn : undefined }`): no redactor for it.
      if (redactor === undefined) continue;
      if (pattern.includes('*')) this.globRedactors.push({ matcher: compileKeyPatterns([pattern]), redactor });
      else this.exactRedactors.set(pattern, redactor);
    }
    this.cacheSize = Math.max(1, options.keyCacheSize ?? SANITIZE_DEFAULTS.keyCacheSize);
  }

  /** Whether any per-key redactor is configured. */
  get hasRedactors(): boolean {
    return this.exactRedactors.size > 0 || this.globRedactors.length > 0;
  }

  /** The (cached) decision for `key`. */
  decide(key: string): KeyDecision {
    if (key.length > MAX_KEY_LENGTH) return DROP_LONG;
    const cached = this.cache.get(key);
    if (cached !== undefined) return cached;
    const decision = this.compute(key);
    if (this.cache.size >= this.cacheSize) {
      // Map iterates in insertion order: the first key is the oldest.
      const oldest = this.cache.keys().next();
      if (oldest.done !== true) this.cache.delete(oldest.value);
    }
    this.cache.set(key, decision);
    return decision;
  }

  private compute(key: string): KeyDecision {
    if (this.scanner.scan(key, key.length, NO_HITS).text !== key) return DROP_PII;
    if (this.blocked.matches(key)) return DROP_BLOCKED;
    if (this.payloadKeys.has(key)) return PAYLOAD;
    const redactor = this.redactorFor(key);
    const query = this.queryKeys.has(key);
    if (redactor !== undefined) return { kind: 'keep', query, redactor };
    if (this.allowAll || this.allowed.matches(key)) {
      if (query) return KEEP_QUERY;
      if (SERVER_ADDRESS_KEYS.has(key)) return KEEP_SERVER_ADDRESS;
      if (isUrlKey(key)) return KEEP_URL;
      return TRUSTED_NUMERIC_KEYS.has(key) ? KEEP_TRUSTED_NUMBERS : KEEP;
    }
    return DROP_NOT_ALLOWED;
  }

  private redactorFor(key: string): AttributeRedactor | undefined {
    const exact = this.exactRedactors.get(key);
    if (exact !== undefined) return exact;
    return this.globRedactors.find((g) => g.matcher.matches(key))?.redactor;
  }
}
