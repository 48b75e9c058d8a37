// identity: which part of a request HAProxy reads as the user (shared by the priority map and access-log events).
export { parseUserIdentity, haproxyUserFetch, usableUserKey, describeUserIdentity, DEFAULT_USER_IDENTITY, type UserIdentity } from './user-identity';
