import { parseActionRules } from './action-rules';
import { requestEvent, requestUrl } from './http-log';
import { urlToAction, urlToDataType } from './url-action';

describe('URL normalisation', () => {
  it.each([
    ['/', '/', 'dir'],
    ['/ksc.html', '/', 'html'],
    ['/images/KSC-logosmall.gif', '/images', 'gif'],
    ['/shuttle/missions/sts-70/sts-70-day-03-highlights.html', '/shuttle/missions', 'html'],
    ['/shuttle/countdown/', '/shuttle/countdown', 'dir'],
    ['/cgi-bin/imagemap/countdown?107,144', '/cgi-bin/imagemap', 'none'],
    ['//history/apollo/', '/history/apollo', 'dir'],
    ['/elv/DELTA/', '/elv/delta', 'dir'],
    ['http://www.epa.gov/docs/x.TXT', '/docs', 'txt'],
    ['/Docs/WAIS\u0001query=x.y', '/docs', 'y'],
    ['/a/b/file.tar_gz~', '/a/b', 'other'],
  ])('%s → action %s, data type %s', (url, action, dataType) => {
    expect(urlToAction(url)).toBe(action);
    expect(urlToDataType(url)).toBe(dataType);
  });

  it('keeps the configured depth', () => {
    expect(urlToAction('/shuttle/missions/sts-70/x.html', 1)).toBe('/shuttle');
    expect(urlToAction('/shuttle/missions/sts-70/x.html', 3)).toBe('/shuttle/missions/sts-70');
  });
});

describe('requestUrl', () => {
  it.each([
    ['GET /a/b.html HTTP/1.0', '/a/b.html'],
    ['GET /no-protocol', '/no-protocol'],
    ['GET /with space.html HTTP/1.0', '/with space.html'],
    ['GET  HTTP/1.0', '/'],
  ])('%s → %s', (request, url) => expect(requestUrl(request)).toBe(url));
});

describe('requestEvent with action rules', () => {
  it('applies the rules the log sources use, else the depth', () => {
    const actionRules = parseActionRules({ rules: [{ match: '^/item/\\d+', action: '/item/:id' }] });
    expect(requestEvent('h', 0, '/item/42/photo.jpg', 200, 1, { actionRules }).action).toBe('/item/:id');
    expect(requestEvent('h', 0, '/shuttle/missions/sts-70/x.html', 200, 1, { actionDepth: 1 }).action).toBe('/shuttle');
  });
});
