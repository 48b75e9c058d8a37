import { checkBearer, parseAuthorization, safeEqual } from './credentials';

describe('credentials', () => {
  it.each([
    ['the right token', 'Bearer s3cret-token', 'ok'],
    ['the scheme in any case, spaces around', '  bearer   s3cret-token  ', 'ok'],
    ['a wrong token', 'Bearer s3cret-tokeN', 'invalid'],
    ['a prefix of the token', 'Bearer s3cret', 'invalid'],
    ['no header', undefined, 'missing'],
    ['an empty header', '', 'missing'],
    ['only the scheme', 'Bearer', 'missing'],
    ['another scheme', 'Basic czNjcmV0LXRva2Vu', 'missing'],
    ['two words after the scheme', 'Bearer s3cret-token extra', 'missing'],
  ])('checkBearer: %s', (_name, header, want) => {
    expect(checkBearer(header, 's3cret-token')).toBe(want);
  });

  it('parses the scheme and the credentials of an Authorization header', () => {
    expect(parseAuthorization('Basic dTpw')).toEqual({ scheme: 'basic', credentials: 'dTpw' });
    expect(parseAuthorization('nonsense')).toBeUndefined();
  });

  it('compares secrets of any lengths', () => {
    expect([safeEqual('a', 'a'), safeEqual('a', 'ab'), safeEqual('', '')]).toEqual([true, false, true]);
  });
});
