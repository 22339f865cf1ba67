import { defaultResource, detectResources, hostDetector, processDetector, resourceFromAttributes } from '@opentelemetry/resources';
import type { Resource } from '@opentelemetry/resources';

/**
 * The service's resource: the SDK's defaults (`telemetry.sdk.*`, `service.name` = `unknown_service:node`),
 * what the process and host detectors find (as NodeSDK adds them), then the resolved attributes on top. The
 * environment's attributes are already in `attributes`, below the code's, so the env detector is not used.
 */
export function buildResource(attributes: Record<string, string | number | boolean>): Resource {
  return defaultResource()
    .merge(detectResources({ detectors: [processDetector, hostDetector] }))
    .merge(resourceFromAttributes(attributes));
}
