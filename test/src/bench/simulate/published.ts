/** BENCHMARKS.md section 1, "Numbers to beat": an independent implementation of the contract, defaults. */
export const PUBLISHED = {
  nasa: {
    hpa: { tau_U: 26.36, theta_U: 6.28, theta_O: 48.82, unserved_pct: 6.93, cost_ratio: 0.982 },
    predictive: { tau_U: 3.35, theta_U: 0.46, theta_O: 178.4, unserved_pct: 0.93, cost_ratio: 1.389 },
  },
  worldcup98: {
    hpa: { tau_U: 10.62, theta_U: 1.87, theta_O: 3.01, unserved_pct: 2.06, cost_ratio: 0.968 },
    predictive: { tau_U: 5.61, theta_U: 0.89, theta_O: 80.85, unserved_pct: 1.55, cost_ratio: 1.402 },
  },
} as const;

/** The contract asks for agreement within 2 % relative on every published metric. */
export const REPRODUCTION_TOLERANCE = 0.02;

export type PublishedMetric = keyof (typeof PUBLISHED)['nasa']['hpa'];
