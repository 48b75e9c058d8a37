import { DEFAULT_BUILD_OPTIONS, type BuildOptions, type KSelectionOptions } from '@shadowfleet/models';
import { profiles } from '@shadowfleet/exporter';

export interface KScanResult {
  readonly data: string;
  readonly users: number;
  readonly k_range: [number, number];
  readonly rule: string;
  readonly gap_references?: number;
  readonly chosen_k: number;
  readonly stopped_by: string;
  readonly one_group?: boolean;
  readonly silhouette_peak_k: number;
  readonly gap_peak_k: number | undefined;
  readonly scores: ReadonlyArray<{ k: number; silhouette: number; gap?: number; gap_se?: number }>;
  readonly rebuild_seconds: number;
}

const r4 = (x: number): number => Math.round(x * 1e4) / 1e4;

/**
 * Profiles of a file with k chosen by the gap statistic's 1-SE rule, every k up to kMax scored
 * (scanAll), so the report shows where the silhouette and the gap peak beside the k the rule stops at.
 */
export async function kScan(
  file: string,
  opts: { format: string; limitUsers?: number; kMax: number; useHours: boolean; hourOffsetMinutes?: number; kSelection?: Partial<KSelectionOptions> },
): Promise<KScanResult> {
  const build: BuildOptions = {
    ...DEFAULT_BUILD_OPTIONS,
    features: { ...DEFAULT_BUILD_OPTIONS.features, useHours: opts.useHours },
    kSelection: { ...DEFAULT_BUILD_OPTIONS.kSelection, kMax: opts.kMax, rule: 'gap', scanAll: true, ...opts.kSelection },
  };
  const r = await profiles.profilesFromFile(file, { format: opts.format, limitUsers: opts.limitUsers, hourOffsetMinutes: opts.hourOffsetMinutes, build });
  const model = r.service.model!;
  const scores = model.kScores.map((s) => ({ k: s.k, silhouette: r4(s.silhouette), ...(s.gap !== undefined ? { gap: r4(s.gap), gap_se: r4(s.gapSe ?? 0) } : {}) }));
  const argmax = (f: (s: (typeof scores)[number]) => number | undefined): number | undefined =>
    scores.reduce<{ k: number; v: number } | undefined>((b, s) => (f(s) !== undefined && (!b || f(s)! > b.v) ? { k: s.k, v: f(s)! } : b), undefined)?.k;
  return {
    data: file.split('/').slice(-2).join('/'),
    users: model.users,
    k_range: [build.kSelection.kMin, opts.kMax],
    rule: build.kSelection.rule,
    ...(build.kSelection.rule === 'gap' ? { gap_references: build.kSelection.gapReferences } : {}),
    chosen_k: model.k,
    stopped_by: model.kSelection?.stoppedBy ?? 'unknown',
    one_group: model.kSelection?.oneGroup,
    silhouette_peak_k: argmax((s) => s.silhouette)!,
    gap_peak_k: argmax((s) => s.gap),
    scores,
    rebuild_seconds: r.summary.durationSeconds,
  };
}
