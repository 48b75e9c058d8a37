import { baseName, nameProfiles, topTraits } from './naming';

const z = (entries: Record<string, number>): Map<string, number> => new Map(Object.entries(entries));

describe('profile naming rules', () => {
  it.each<[string, Record<string, number>, string]>([
    ['many errors', { 'errors.rate': 1.2, 'activity.events_log': 2 }, 'error-prone'],
    ['mostly at night', { 'hour.night': 1.5, 'activity.events_log': 1 }, 'night owls'],
    ['far above average activity', { 'activity.events_log': 1, 'activity.sessions_log': 0.8, 'activity.session_minutes_log': 0.6 }, 'power users'],
    ['large responses', { 'data.bytes_per_event_log': 0.9 }, 'data analysts'],
    ['many data types', { 'data.distinct_types': 1.1, 'activity.events_log': 0.2 }, 'data analysts'],
    ['little activity', { 'activity.events_log': -0.5, 'activity.sessions_log': -0.4 }, 'casual browsers'],
    ['one dominant action', { 'mix.sports': 2.5, 'mix.news': 0.3, 'mix.(other)': 3 }, 'sports regulars'],
    ['mostly the less common actions', { 'mix.(other)': 1.4, 'mix.news': 0.2 }, 'niche explorers'],
    ['nothing stands out', { 'activity.events_log': 0.1, 'mix.news': 0.5 }, 'typical users'],
  ])('%s → %s', (_case, values, name) => {
    expect(baseName(z(values))).toBe(name);
  });

  it('applies the rules in order: errors win over activity', () => {
    expect(baseName(z({ 'errors.rate': 1, 'activity.events_log': 3 }))).toBe('error-prone');
  });

  it('keeps names unique with the dominant action, then a number', () => {
    const names = nameProfiles([
      z({ 'activity.events_log': -1, 'mix.news': 1 }),
      z({ 'activity.events_log': -1, 'mix.sports': 1 }),
      z({ 'activity.events_log': -1, 'mix.sports': 0.5 }),
      z({ 'errors.rate': 2 }),
    ]);
    expect(names).toEqual(['casual browsers · news', 'casual browsers · sports #1', 'casual browsers · sports #2', 'error-prone']);
  });

  it('lists the strongest traits by |z|', () => {
    expect(topTraits(z({ a: 0.1, b: -3, c: 2 }), 2)).toEqual([
      { feature: 'b', z: -3 },
      { feature: 'c', z: 2 },
    ]);
  });
});
