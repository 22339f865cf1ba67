import fc from 'fast-check';
import type { Attributes } from '@opentelemetry/api';
import { Sanitizer } from '../../src/sanitize';
import { cardNumber, groupsOfFour, iban, jwt } from './pii-fixtures';

/** Planted PII: `text` is what gets embedded, `secret` what must not survive (often the same). */
interface Pii {
  readonly text: string;
  readonly secret: string;
}

const digits = (min: number, max: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: min, maxLength: max });
const alnum = (n: number) => fc.stringMatching(new RegExp(`^[A-Za-z0-9]{${n}}$`));

const piiArb: fc.Arbitrary<Pii> = fc.oneof(
  fc.emailAddress().map((e) => ({ text: e, secret: e })),
  fc
    .tuple(fc.constantFrom(['4', 16], ['51', 16], ['37', 15], ['6011', 16], ['2221', 16]), digits(4, 8), fc.boolean())
    .map(([[prefix, len], fill, grouped]) => {
      const n = cardNumber(prefix as string, fill, len as number);
      return { text: grouped ? groupsOfFour(n) : n, secret: n.slice(-10) };
    }),
  fc.tuple(alnum(6), alnum(20)).map(([sub, sig]) => ({ text: jwt({ sub }, sig), secret: sig })),
  alnum(24).map((t) => ({ text: `Bearer ${t}`, secret: t })),
  fc.stringMatching(/^[A-Z0-9]{16}$/).map((k) => ({ text: `AKIA${k}`, secret: k })),
  alnum(36).map((k) => ({ text: `ghp_${k}`, secret: k })),
  fc.tuple(digits(18, 18), fc.boolean()).map(([d, grouped]) => {
    const i = iban('DE', d.join(''));
    return { text: grouped ? groupsOfFour(i) : i, secret: i.slice(4) };
  }),
  fc.tuple(digits(10, 10)).map(([d]) => ({ text: `+49 ${d.slice(0, 3).join('')} ${d.slice(3).join('')}`, secret: d.slice(3).join('') })),
  fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 4, maxLength: 4 }).map((o) => ({ text: o.join('.'), secret: o.join('.') })),
  fc.array(fc.integer({ min: 0x1000, max: 0xffff }), { minLength: 8, maxLength: 8 }).map((g) => {
    const ip = g.map((x) => x.toString(16)).join(':');
    return { text: ip, secret: ip };
  }),
  fc.stringMatching(/^[a-z0-9]{6,12}$/).map((p) => ({ text: `password=${p}`, secret: `=${p}` })),
);

const filler = fc.stringMatching(/^[a-z]{0,8}( [a-z]{1,8}){0,3}$/);
const safeKey = fc.stringMatching(/^[a-z]{1,8}$/);

/** A JSON value and the PII planted in it. */
interface Planted {
  readonly value: unknown;
  readonly pii: readonly Pii[];
}

/** JSON values with PII planted at random depths, in keys, values and arrays. */
const payloadArb: fc.Arbitrary<Planted> = fc.letrec<{ tree: Planted; leaf: Planted }>((tie) => ({
  leaf: fc.oneof(
    fc.tuple(filler, piiArb, filler).map(([a, p, b]) => ({ value: `${a} ${p.text} ${b}`, pii: [p] })),
    filler.map((value) => ({ value, pii: [] })),
    fc.integer().map((value) => ({ value, pii: [] })),
  ),
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    tie('leaf'),
    fc.array(tie('tree'), { maxLength: 3 }).map((items) => ({
      value: items.map((i) => i.value),
      pii: items.flatMap((i) => i.pii),
    })),
    fc
      .array(fc.tuple(fc.oneof(safeKey.map((k) => ({ text: k, secret: '' })), piiArb), tie('tree')), { maxLength: 3 })
      .map((entries) => ({
        value: Object.fromEntries(entries.map(([k, v]) => [k.text, v.value])),
        pii: entries.flatMap(([k, v]) => (k.secret === '' ? v.pii : [k, ...v.pii])),
      })),
  ),
})).tree;

/** Every string in the output: keys, values and array elements. */
function allStrings(attrs: Attributes): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(attrs)) {
    out.push(k);
    if (Array.isArray(v)) for (const e of v) out.push(String(e));
    else out.push(String(v));
  }
  return out;
}

function leaked(output: readonly string[], planted: readonly Pii[]): string[] {
  return planted.filter((p) => output.some((s) => s.includes(p.secret))).map((p) => p.text);
}

const safeAttrs = fc.record({
  'bullmq.job.name': fc.stringMatching(/^[a-z]{3,12}(-[a-z]{3,10}){0,2}$/),
  'bullmq.job.id': fc.oneof(fc.integer({ min: 1, max: 1e9 }).map(String), fc.uuid()),
  // No secret-looking words: 'pwd:aa' is rightly redacted as a credential assignment.
  'bullmq.queue.name': fc.stringMatching(/^[a-z]{3,10}(-[a-z]{2,8})?$/),
  'messaging.destination.name': fc.stringMatching(/^[a-z]{3,10}$/),
  'bullmq.job.attempts.made': fc.integer({ min: 0, max: 20 }),
});

const RUNS = { numRuns: 150 };

test('no planted PII survives sanitizeAttributes, while safe attributes pass unchanged', () => {
  const sanitizer = new Sanitizer({ extraAllowedAttributes: ['app.*'] });
  fc.assert(
    fc.property(
      fc.context(),
      safeAttrs,
      payloadArb,
      piiArb,
      fc.array(piiArb, { minLength: 1, maxLength: 3 }),
      (ctx, safe, { value: payload, pii: planted }, keyPii, listPii) => {
        const all = [...planted, keyPii, ...listPii];
        const attrs: Attributes = {
          ...safe,
          'app.payload': JSON.stringify(payload),
          'app.payload.twice': JSON.stringify(JSON.stringify(payload)),
          'bullmq.job.result': JSON.stringify(payload),
          'bullmq.job.failed.reason': `could not deliver to ${listPii[0]?.text ?? ''}`,
          'exception.stacktrace': `Error: ${keyPii.text}\n    at send (/app/mail.js:10:5)\n${JSON.stringify(payload)}`,
          [`app.by.${keyPii.text}`]: 1,
          'app.list': listPii.map((p) => p.text),
        };
        const out = sanitizer.sanitizeAttributes(attrs);
        ctx.log(JSON.stringify(out));
        expect(leaked(allStrings(out), all)).toEqual([]);
        for (const [k, v] of Object.entries(safe)) expect(out[k]).toEqual(v);
      },
    ),
    RUNS,
  );
});

test('no planted PII survives sanitizeText in messages and stacks, whatever the length limit', () => {
  fc.assert(
    fc.property(fc.array(fc.tuple(filler, piiArb), { minLength: 1, maxLength: 6 }), fc.integer({ min: 10, max: 400 }), (parts, max) => {
      const sanitizer = new Sanitizer({ maxValueLength: max });
      const text = parts.map(([f, p]) => `${f} ${p.text}`).join('\n    at ');
      const out = sanitizer.sanitizeText(text);
      expect(leaked([out], parts.map(([, p]) => p))).toEqual([]);
    }),
    RUNS,
  );
});

test('text without PII passes sanitizeText unchanged', () => {
  const sanitizer = new Sanitizer();
  fc.assert(
    fc.property(fc.array(fc.oneof(filler, fc.uuid(), fc.integer().map(String), fc.constant('6.7.0')), { maxLength: 8 }), (words) => {
      const text = words.join(' ');
      expect(sanitizer.sanitizeText(text)).toBe(text);
    }),
    RUNS,
  );
});
