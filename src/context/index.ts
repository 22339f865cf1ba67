/** Contexts QueueOtel creates: light chains instead of the API's copied Maps (see light-context.ts). */
export { LIGHT_ROOT, LightContext } from './light-context';
export { isValidSpanContext } from './span-context-validity';
