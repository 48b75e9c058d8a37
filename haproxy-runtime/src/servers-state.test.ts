import { isDraining, isMaint, isServing, parseServersState } from './servers-state';

const HEADER = '# be_id be_name srv_id srv_name srv_addr srv_op_state srv_admin_state srv_uweight';
const row = (name: string, op: number, admin: number, backend = 'pool') => `3 ${backend} 1 ${name} 127.0.0.1 ${op} ${admin} 1`;

describe('parseServersState', () => {
  // The admin-state bits of HAProxy 2.6 (include/haproxy/server-t.h); maintenance is 0x23, drain 0x18.
  it.each([
    ['ready', 2, 0x00, { maint: false, draining: false, serving: true }],
    ['forced maintenance (FMAINT)', 0, 0x01, { maint: true, draining: false, serving: false }],
    ['maintenance inherited from a tracked server (IMAINT)', 0, 0x02, { maint: true, draining: false, serving: false }],
    ['config-disabled (CMAINT|FMAINT)', 0, 0x05, { maint: true, draining: false, serving: false }],
    ['forced drain (FDRAIN)', 2, 0x08, { maint: false, draining: true, serving: false }],
    ['inherited drain (IDRAIN)', 2, 0x10, { maint: false, draining: true, serving: false }],
    ['address resolution failed (RMAINT)', 0, 0x20, { maint: true, draining: false, serving: false }],
    ['maintenance wins over drain', 0, 0x09, { maint: true, draining: false, serving: false }],
    ['ready but stopped (down)', 0, 0x00, { maint: false, draining: false, serving: false }],
  ])('%s', (_name, op, admin, want) => {
    const [s] = parseServersState(['1', HEADER, row('x', op, admin)].join('\n'));
    expect({ maint: isMaint(s), draining: isDraining(s), serving: isServing(s) }).toEqual(want);
    expect(s).toEqual({ name: 'x', opState: op, adminState: admin, inMaintenance: want.maint });
  });

  it('keeps one backend when asked, every row otherwise', () => {
    const text = ['1', HEADER, row('a', 2, 0), row('o', 2, 0, 'other'), ''].join('\n');
    expect(parseServersState(text, 'pool').map((s) => s.name)).toEqual(['a']);
    expect(parseServersState(text).map((s) => s.name)).toEqual(['a', 'o']);
  });

  it('finds columns by the header, not by position', () => {
    const text = ['1', '# be_id be_name srv_name srv_admin_state srv_op_state', '3 pool a 1 0'].join('\n');
    expect(parseServersState(text)).toEqual([{ name: 'a', opState: 0, adminState: 1, inMaintenance: true }]);
  });

  it('names a missing column', () => {
    expect(() => parseServersState('1\n# be_id be_name srv_name\n')).toThrow('show servers state has no srv_op_state column');
  });
});
