/** The package version, reported as the instrumentation scope version. Kept in step by a test. */
export const PACKAGE_VERSION = '0.1.0';
