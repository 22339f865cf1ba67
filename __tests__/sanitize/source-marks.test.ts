import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { isSanitizedAtSource, markSanitizedAtSource, SanitizingSpanProcessor } from '../../src/sanitize';

// Jest gives this file its own module registry: no sanitizing processor exists until the test builds one.
test('spans are marked only once a sanitizing processor or exporter exists to read the marks', () => {
  const before = {};
  markSanitizedAtSource(before);
  expect(isSanitizedAtSource(before)).toBe(false);
  new SanitizingSpanProcessor(new SimpleSpanProcessor(new InMemorySpanExporter()));
  const after = {};
  markSanitizedAtSource(after);
  expect(isSanitizedAtSource(after)).toBe(true);
  expect(isSanitizedAtSource(before)).toBe(false);
});
