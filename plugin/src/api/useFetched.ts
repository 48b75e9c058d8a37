import { useCallback, useEffect, useState } from 'react';
import type { Fetched } from './exporter';

/** Runs `load` on mount (and when `key` changes); `undefined` while loading. `reload` runs it again. */
export function useFetched<T>(load: () => Promise<Fetched<T>>, key = ''): { result: Fetched<T> | undefined; reload: () => void } {
  const [result, setResult] = useState<Fetched<T> | undefined>(undefined);
  const [round, setRound] = useState(0);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const run = useCallback(load, [key]);
  useEffect(() => {
    let live = true;
    setResult(undefined);
    run().then((r) => live && setResult(r));
    return () => {
      live = false;
    };
  }, [run, round]);
  return { result, reload: () => setRound((n) => n + 1) };
}
