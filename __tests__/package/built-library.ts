/** The built library for the package tests (the same helper the benchmark uses). */
export { ensureBuilt, root } from '../../scripts/built-library';
