import { useEffect, useState } from 'react';

/**
 * A tick that advances every `ms` while the tab is visible (a hidden tab costs the server nothing) and once
 * right away when the tab comes back; `paused` says the page is hidden.
 */
export function useLiveRefresh(ms = 10_000): { tick: number; paused: boolean; bump: () => void } {
  const [tick, setTick] = useState(0);
  const [paused, setPaused] = useState(() => typeof document !== 'undefined' && document.hidden);
  useEffect(() => {
    let timer: ReturnType<typeof setInterval> | null = null;
    const start = () => {
      if (timer === null) timer = setInterval(() => setTick((n) => n + 1), ms);
    };
    const stop = () => {
      if (timer !== null) clearInterval(timer);
      timer = null;
    };
    const onVisibility = () => {
      setPaused(document.hidden);
      if (document.hidden) stop();
      else {
        setTick((n) => n + 1);
        start();
      }
    };
    if (!document.hidden) start();
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      stop();
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [ms]);
  return { tick, paused, bump: () => setTick((n) => n + 1) };
}
