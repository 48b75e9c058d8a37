import { formattedValueToString, getValueFormat } from '@grafana/data';
import { countOf, pluralised } from './plural';

// "suffix: hosts" keeps the space after the colon (Grafana takes the rest literally); HTML shows one.
const shown = (unit: string, v: number) => formattedValueToString(pluralised(getValueFormat(unit)(v), v)).replace(/\s+/g, " ");

describe('plurals', () => {
  it.each([
    ['suffix: hosts', 1, '1 host'],
    ['suffix: hosts', 2, '2 hosts'],
    ['suffix: hosts', 0, '0 hosts'],
    ['suffix: actions', 1, '1 action'],
    ['suffix: users', -1, '-1 user'],
    ['suffix: complexity units', 1, '1 complexity units'],
    ['reqps', 1, '1 req/s'],
  ])('%s of %d reads "%s"', (unit, v, text) => {
    expect(shown(unit, v)).toBe(text);
  });

  it('counts words', () => {
    expect(countOf(1, 'host')).toBe('1 host');
    expect(countOf(4, 'host')).toBe('4 hosts');
  });
});
