import { describeUserIdentity, haproxyUserFetch, parseUserIdentity, usableUserKey, type UserIdentity } from './user-identity';

const parsed = (text: string): UserIdentity => {
  const r = parseUserIdentity(text);
  if (!r.ok) throw new Error(r.message);
  return r.identity;
};

describe('user identity (SHADOWFLEET_USER_IDENTITY)', () => {
  it.each([
    ['cookie:sf_uid', 'req.cook(sf_uid)', 'cookie sf_uid'],
    ['header:X-Shadowfleet-User', 'req.fhdr(X-Shadowfleet-User)', 'header X-Shadowfleet-User'],
    ['source', 'src', 'source address'],
  ])('%s → HAProxy fetch %s', (text, fetch, description) => {
    const id = parsed(text);
    expect(haproxyUserFetch(id)).toBe(fetch);
    expect(describeUserIdentity(id)).toBe(description);
  });

  it.each([
    ['an unknown form', 'query:uid', /must be cookie:<name>, header:<name> or source, got "query:uid"/],
    ['an empty name', 'cookie:', /the user cookie name must be a token/],
    ['a name that would break the config line', 'header:x),map(/etc/passwd', /the user header name must be a token/],
  ])('refuses %s', (_name, text, error) => {
    const r = parseUserIdentity(text);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toMatch(error);
  });

  it.each([
    ['header', 'user-42', true],
    ['header', 'two words', false],
    ['header', 'a;b', false],
    ['source', '10.0.0.5', true],
    ['source', '2001:db8::1', true],
    ['source', 'user-42', false],
  ])('under %s, %s usable as a map key: %s', (kind, key, usable) => {
    const id = parsed(kind === 'source' ? 'source' : 'header:X-User');
    expect(usableUserKey(id, key)).toBe(usable);
  });
});
