/** Opens a URL with the system's opener, as an argument array: no shell ever sees the URL. */
import { spawn } from 'node:child_process';

/** The opener command and its leading arguments for a platform. */
export function systemOpener(platform: NodeJS.Platform = process.platform): [string, ...string[]] {
  if (platform === 'darwin') return ['open'];
  // `start` is a cmd.exe builtin and would need a shell; explorer opens URLs with the default browser.
  if (platform === 'win32') return ['explorer.exe'];
  return ['xdg-open'];
}

/**
 * Starts the opener detached and resolves once it was spawned (or rejects if it could not be). The opener's
 * own exit status is not awaited: browsers often keep it alive. `override` (QUEUE_OTEL_OPENER) replaces the
 * system opener with one executable that receives the URL as its only argument.
 */
export function openUrl(url: string, override?: string): Promise<void> {
  if (!/^https?:\/\//i.test(url)) return Promise.reject(new Error(`refusing to open a non-http URL: ${url}`));
  const [command, ...args] = override ? [override] : systemOpener();
  return new Promise((resolve, reject) => {
    const child = spawn(command, [...args, url], { detached: true, stdio: 'ignore', shell: false });
    child.once('error', reject);
    child.once('spawn', () => {
      child.unref();
      resolve();
    });
  });
}
