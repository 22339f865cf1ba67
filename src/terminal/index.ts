/** Making untrusted text safe to print on a terminal: control characters shown, never executed. */
export { terminalSafe, terminalSafeLines, visibleControl } from './safe-text';
export { terminalSafeJson } from './safe-json';
