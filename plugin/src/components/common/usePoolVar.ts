import { useSearchParams } from 'react-router-dom';
import { ALL_POOLS, POOL_URL_PARAM, pickedPool, poolRegex } from '../../api/poolVar';
import type { QueryVars } from '../../api/prometheus';

export interface PoolVar {
  /** `$__all` or a pool name, as in the URL. */
  value: string;
  /** The picked pool, undefined for All. */
  pool?: string;
  /** `{ pool: <regex> }` for the queries' `$pool`. */
  vars: QueryVars;
  set(value: string): void;
}

/** The page's pool variable from the URL (`var-pool`, default All), kept there on change with the other parameters. */
export function usePoolVar(): PoolVar {
  const [params, setParams] = useSearchParams();
  const value = params.get(POOL_URL_PARAM) || ALL_POOLS;
  return {
    value,
    pool: pickedPool(value),
    vars: { pool: poolRegex(value) },
    set(next) {
      const p = new URLSearchParams(params);
      p.set(POOL_URL_PARAM, next);
      setParams(p);
    },
  };
}
