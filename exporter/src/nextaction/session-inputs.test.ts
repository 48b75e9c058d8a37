import { DataTypeVocabulary, LSTM_DATA_TYPES, LSTM_PROFILES, profileSlot, SessionTrack } from './session-inputs';

describe('the service LSTM inputs', () => {
  it('numbers data types by first appearance; none and the overflow share the last index', () => {
    const v = new DataTypeVocabulary();
    expect([v.indexOf('html'), v.indexOf('gif'), v.indexOf('html'), v.indexOf(undefined)]).toEqual([0, 1, 0, LSTM_DATA_TYPES - 1]);
    for (let i = 0; i < 40; i++) v.indexOf(`t${i}`);
    expect(v.indexOf('t39')).toBe(LSTM_DATA_TYPES - 1);
    expect(v.indexOf('gif')).toBe(1);
  });

  it('maps stable profile ids to slots, and anything else to unknown', () => {
    expect(profileSlot('p1')).toBe(0);
    expect(profileSlot('p7')).toBe(6);
    expect(profileSlot(`p${LSTM_PROFILES + 1}`)).toBe(0);
    expect(profileSlot(undefined)).toBeUndefined();
    expect(profileSlot('power users')).toBeUndefined();
  });

  it('keeps the last actions with their data types, times and costs, and hands them to the LSTM with the profile', () => {
    const t = new SessionTrack('u1', 1000);
    t.push(3, 0, 1000, 5, 2);
    t.push(4, 1, 2000, 6, 2);
    t.push(5, 2, 3000, 7, 2);
    const s = t.toLstm(6);
    expect(Array.from(s.actions)).toEqual([4, 5]);
    expect(Array.from(s.dataTypes!)).toEqual([1, 2]);
    expect(Array.from(s.timestamps!)).toEqual([2000, 3000]);
    expect(Array.from(s.complexity!)).toEqual([6, 7]);
    expect(s.profile).toBe(6);
    expect(t.lastMs).toBe(3000);
    expect('profile' in t.toLstm(undefined)).toBe(false);
  });
});
