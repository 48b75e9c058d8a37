import { useSettings } from '../components/common/SettingsContext';
import { QUERIES } from '../queries';
import { promInstant } from './prometheus';
import { useFetched } from './useFetched';

/** Grafana's own unit for a pool model complexity unit where one exists (KiB etc.), else the name as a suffix. */
export function grafanaUnitOf(complexityUnit: string | undefined): string {
  const known: Record<string, string> = { b: 'bytes', byte: 'bytes', bytes: 'bytes', kib: 'kbytes', mib: 'mbytes', gib: 'gbytes', ms: 'ms', s: 's' };
  if (!complexityUnit) {
    return 'suffix: complexity units';
  }
  return known[complexityUnit.toLowerCase()] ?? `suffix: ${complexityUnit}`;
}

/** The same per second: Grafana's data rate unit where one exists (KiB/s etc.), else "<unit>/s" as a suffix. */
export function grafanaRateUnitOf(complexityUnit: string | undefined): string {
  const known: Record<string, string> = { b: 'binBps', byte: 'binBps', bytes: 'binBps', kib: 'KiBs', mib: 'MiBs', gib: 'GiBs' };
  if (!complexityUnit) {
    return 'suffix: complexity units/s';
  }
  return known[complexityUnit.toLowerCase()] ?? `suffix: ${complexityUnit}/s`;
}

/** The pool model's complexity unit (shadowfleet_pool_info's `complexity_unit`), undefined until known. */
export function useComplexityUnit(): string | undefined {
  const { prometheusUid } = useSettings();
  const { result } = useFetched(() => promInstant(prometheusUid, QUERIES.complexityUnit), prometheusUid);
  return result?.kind === 'ok' ? result.data[0]?.metric.complexity_unit : undefined;
}
