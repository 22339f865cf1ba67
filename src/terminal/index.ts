/** Making untrusted text safe to print on a terminal: control characters shown, never executed. */
export { terminalSafe, terminalSafeLines } from './safe-text';
export { terminalSafeJson } from './safe-json';
