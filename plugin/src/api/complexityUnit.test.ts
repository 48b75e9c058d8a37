import { formattedValueToString, getValueFormat } from '@grafana/data';
import { grafanaRateUnitOf, grafanaUnitOf } from './complexityUnit';

const shown = (unit: string, v: number) => formattedValueToString(getValueFormat(unit)(v, 1));

describe('complexity units in Grafana units', () => {
  it('per second: Grafana’s data rate units for byte units (as Grafana formats them), a suffix otherwise', () => {
    expect(shown(grafanaRateUnitOf('kib'), 12.5)).toBe('12.5 KiB/s');
    expect(shown(grafanaRateUnitOf('MiB'), 2)).toBe('2.0 MiB/s');
    expect(shown(grafanaRateUnitOf('bytes'), 2048)).toBe('2.0 KiB/s');
    expect(shown(grafanaRateUnitOf('cpu_ms'), 3)).toMatch(/^3\.0 +cpu_ms\/s$/);
    expect(grafanaRateUnitOf(undefined)).toBe('suffix: complexity units/s');
  });

  it('a total: Grafana’s data units for byte units', () => {
    expect(shown(grafanaUnitOf('kib'), 12.5)).toBe('12.5 KiB');
  });
});
