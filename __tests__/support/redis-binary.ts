export { findRedisBinary } from '../../src/dev/embedded-redis';
