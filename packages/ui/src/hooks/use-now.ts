import { useEffect, useState } from 'preact/hooks';

/** The clock, re-read every `intervalMs`: relative time axes keep moving in quiet periods. */
export function useNow(intervalMs: number): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
