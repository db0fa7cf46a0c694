// Median and spread of pooled samples (several rounds of one contestant).

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  if (!sorted.length) return NaN;
  const middle = (sorted.length - 1) / 2;
  return (sorted[Math.floor(middle)] + sorted[Math.ceil(middle)]) / 2;
}

/** Percentile `p` (0–100) by nearest rank. */
export function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** `{ median, mad, n }`: the median, the median absolute deviation from it, the sample count. */
export function describe(values) {
  const m = median(values);
  return { median: m, mad: median(values.map((value) => Math.abs(value - m))), n: values.length };
}
