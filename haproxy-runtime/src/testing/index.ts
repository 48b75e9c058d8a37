export { startTestHaproxy, HAPROXY_BIN, type TestHaproxy } from './haproxy-process';
