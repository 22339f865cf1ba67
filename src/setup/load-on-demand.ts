/**
 * Loads an optional peer only when the chosen setup needs it (the OTLP exporter of one protocol, the
 * instrumentation registry, a propagator), so an application installs just what it uses. A missing package is a
 * clear error naming it, what asked for it, and the command to install it.
 */
import { dirname } from 'node:path';

/** Thrown when an optional package that the chosen setup needs is not installed. */
export class MissingPackageError extends Error {
  /** The package to install. */
  readonly packageName: string;

  constructor(packageName: string, neededFor: string) {
    super(`${neededFor} needs ${packageName}: npm install ${packageName}`);
    this.name = 'MissingPackageError';
    this.packageName = packageName;
  }
}

function isNotFound(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'MODULE_NOT_FOUND' || code === 'ERR_MODULE_NOT_FOUND' || code === 'ERR_PACKAGE_PATH_NOT_EXPORTED';
}

/**
 * `require`s `packageName`, or throws {@link MissingPackageError} when it cannot be resolved. Only the package
 * itself is probed: a broken install inside it surfaces as the error it is.
 * @param neededFor what asked for it, e.g. `OTEL_EXPORTER_OTLP_PROTOCOL=grpc`.
 */
export function loadOnDemand<T>(packageName: string, neededFor: string): T {
  let resolved: string;
  try {
    resolved = require.resolve(packageName);
  } catch (error) {
    if (isNotFound(error)) throw new MissingPackageError(packageName, neededFor);
    throw error;
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- an optional peer, loaded by name only when needed
  return require(resolved) as T;
}

/** `require`s a dependency of an already loaded package, resolved from that package's own location. */
export function loadBeside<T>(owner: string, packageName: string): T {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- an optional peer's own dependency, loaded on demand
  return require(require.resolve(packageName, { paths: [dirname(require.resolve(owner))] })) as T;
}
