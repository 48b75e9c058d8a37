/** A TCP port that was free on 127.0.0.1 a moment ago (one copy for every workspace's tests). */
export { freePort } from '@shadowfleet/service-kit/testing';
