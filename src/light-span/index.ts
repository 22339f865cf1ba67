export { newSpanAttributes } from './attribute-object';
export { exceptionAttributes } from './exception-event';
export { LightSpan } from './light-span';
export type { LightSpanStart } from './light-span-start';
export { FAST_PATH_ENV, lightSpanHost } from './sdk-internals';
export type { LightSpanHost } from './sdk-internals';
export { NOT_RECORDING_DEBUG, startLightSpan } from './start-light-span';
