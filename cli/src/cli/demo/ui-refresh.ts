/** The demo's UI refreshes every second unless told otherwise: its jobs come and go faster than the UI's 2 s default. */
export const DEMO_REFRESH_MS = '1000';

/**
 * The `--refresh` the demo hands its UI: the user's flag, else nothing when `QUEUE_OTEL_REFRESH_MS` is set (the UI
 * reads the variable itself, as every command does), else the demo's one second. Putting the demo's default in the
 * flag would have overridden the variable.
 */
export function demoUiRefresh(flag: string | undefined, env: NodeJS.ProcessEnv): { refresh?: string } {
  // Empty counts as unset, as the settings read flags and variables.
  if (flag !== undefined && flag !== '') return { refresh: flag };
  const fromEnv = env.QUEUE_OTEL_REFRESH_MS;
  return fromEnv === undefined || fromEnv === '' ? { refresh: DEMO_REFRESH_MS } : {};
}
