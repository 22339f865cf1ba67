export { findRedisBinary } from '../../cli/src/dev/embedded-redis';
