import { compileCustomDetector } from './detector';
import type { Detector } from './detector';
import { ibanDetector, ipDetector, paymentCardDetector, phoneDetector } from './detectors-personal';
import { apiKeyDetector, bearerDetector, credentialDetector, jwtDetector } from './detectors-secrets';
import { emailDetector, urlEmailDetector } from './email-detector';
import { DETECTOR_NAMES } from './options';
import type { CustomDetector, DetectorName } from './options';

/**
 * The built-in detectors by name. The run order (see {@link DETECTOR_NAMES}) is their priority, most specific
 * first: a JWT inside `token=…` is reported as `jwt`, and checksummed IBANs and card numbers are claimed before
 * the phone patterns run, so a phone pattern can never split one (`DE89 3704 [REDACTED:phone] 00`).
 */
export const BUILTIN_DETECTORS: Readonly<Record<DetectorName, Detector>> = Object.freeze({
  jwt: jwtDetector,
  bearer: bearerDetector,
  apiKey: apiKeyDetector,
  credential: credentialDetector,
  email: emailDetector,
  paymentCard: paymentCardDetector,
  iban: ibanDetector,
  ip: ipDetector,
  phone: phoneDetector,
});

/**
 * The detectors to run, in order: enabled built-ins, then custom ones.
 * @example
 * selectDetectors({ phone: false }, [])
 */
export function selectDetectors(
  switches: Readonly<Partial<Record<DetectorName, boolean | undefined>>> | undefined,
  custom: readonly CustomDetector[] | undefined,
): Detector[] {
  const chosen = DETECTOR_NAMES.filter((name) => switches?.[name] !== false).map((name) => BUILTIN_DETECTORS[name]);
  for (const c of custom ?? []) chosen.push(compileCustomDetector(c));
  return chosen;
}

/**
 * `detectors` for values under URL keys: the e-mail detector, if enabled, also finds percent-encoded
 * addresses (`jane%40example.com`).
 */
export function urlDetectors(detectors: readonly Detector[]): Detector[] {
  return detectors.map((d) => (d === emailDetector ? urlEmailDetector : d));
}
