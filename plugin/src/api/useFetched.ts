import { useEffect, useState } from 'react';
import type { Fetched } from './exporter';

/**
 * Runs `load` on mount, when `key` changes and on `reload()`; `result` is undefined while the
 * answer for the current key and round is pending (an older answer is never shown as current).
 */
export function useFetched<T>(load: () => Promise<Fetched<T>>, key = ''): { result: Fetched<T> | undefined; reload: () => void } {
  const [round, setRound] = useState(0);
  const [answer, setAnswer] = useState<{ tag: string; result: Fetched<T> } | undefined>(undefined);
  const tag = `${key}#${round}`;
  useEffect(() => {
    let live = true;
    load().then((result) => live && setAnswer({ tag, result }));
    return () => {
      live = false;
    };
    // `load` is a new closure on every render; what it fetches is identified by `key`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [tag]);
  return { result: answer?.tag === tag ? answer.result : undefined, reload: () => setRound((n) => n + 1) };
}
