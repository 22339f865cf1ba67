/** Builders for valid-by-construction PII (checksums included), shared by unit and property tests. */

/** Appends the Luhn check digit to a digit string. */
export function withLuhnDigit(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let d = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return body + String((10 - (sum % 10)) % 10);
}

/** A card number from a prefix, random-ish fill digits and a length. */
export function cardNumber(prefix: string, fill: readonly number[], length: number): string {
  let body = prefix;
  for (let i = 0; body.length < length - 1; i++) body += String(fill[i % fill.length] ?? 0);
  return withLuhnDigit(body);
}

function mod97(numeric: string): number {
  let r = 0;
  for (const ch of numeric) r = (r * 10 + Number(ch)) % 97;
  return r;
}

function toNumeric(s: string): string {
  return [...s].map((c) => (/[A-Z]/.test(c) ? String(c.charCodeAt(0) - 55) : c)).join('');
}

/** A valid IBAN for `country` from a BBAN of the right length. */
export function iban(country: string, bban: string): string {
  const check = 98 - mod97(toNumeric(`${bban}${country}00`));
  return `${country}${String(check).padStart(2, '0')}${bban}`;
}

/** Groups a compact string in fours, as people print IBANs and cards. */
export function groupsOfFour(s: string, sep = ' '): string {
  return s.replace(/(.{4})(?=.)/g, `$1${sep}`);
}

/** A JWT-shaped token with the given claims and a fake signature. */
export function jwt(claims: Record<string, unknown>, signature: string): string {
  const enc = (o: unknown): string => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${enc({ alg: 'HS256', typ: 'JWT' })}.${enc(claims)}.${signature}`;
}
