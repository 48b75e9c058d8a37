import { profileTransitions } from './transitions';

describe('profile transitions', () => {
  it('counts users who stayed, moved, joined and left, and the flows between profiles', () => {
    const before = new Map([['a', 'p1'], ['b', 'p1'], ['c', 'p2'], ['d', 'p2'], ['gone', 'p1']]);
    const after = new Map([['a', 'p1'], ['b', 'p2'], ['c', 'p1'], ['d', 'p1'], ['new', 'p3']]);
    expect(profileTransitions(before, after)).toEqual({
      stayed: 1,
      moved: 3,
      joined: 1,
      left: 1,
      flows: [
        { from: 'p2', to: 'p1', users: 2 },
        { from: 'p1', to: 'p2', users: 1 },
      ],
    });
  });
});
