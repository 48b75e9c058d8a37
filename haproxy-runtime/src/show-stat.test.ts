import { parseShowStat } from './show-stat';

describe('parseShowStat', () => {
  it('reads a quoted text field that holds a comma as one cell (HAProxy quotes check descriptions)', () => {
    const rows = parseShowStat('# pxname,svname,scur,check_desc,\nweb,s1,3,"Layer4 timeout, 2000ms",\nweb,BACKEND,3,,\n\n');
    expect(rows).toEqual([
      { pxname: 'web', svname: 's1', scur: '3', check_desc: 'Layer4 timeout, 2000ms', '': '' },
      { pxname: 'web', svname: 'BACKEND', scur: '3', check_desc: '', '': '' },
    ]);
  });

  it('refuses text without the "# pxname,..." header, quoting what it got', () => {
    expect(() => parseShowStat('\nUnknown command\n')).toThrow('HAProxy show stat: expected a "# pxname,svname,..." header, got "Unknown command"');
  });
});
