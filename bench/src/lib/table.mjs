// The human-readable report: one block per figure, then the goals.

const number = (value) => {
  if (!Number.isFinite(value)) return '—';
  if (Math.abs(value) >= 1000) return Math.round(value).toLocaleString('en-US');
  if (Math.abs(value) >= 100) return value.toFixed(0);
  if (Math.abs(value) >= 10) return value.toFixed(1);
  return value.toFixed(2);
};

export function renderTable(sections, goals, header) {
  const lines = [header, ''];
  for (const section of sections) {
    lines.push(section.title);
    for (const row of section.rows) {
      const spread = Number.isFinite(row.mad) ? `± ${number(row.mad)} (MAD, n=${row.n})` : '';
      const ratio = Number.isFinite(row.ratio) ? `${row.ratio.toFixed(2)}×` : '';
      lines.push(
        `  ${row.name.padEnd(17)} ${number(row.median).padStart(10)} ${row.unit.padEnd(7)} ${spread.padEnd(24)} ${ratio.padStart(7)}  ${row.note ?? ''}`.trimEnd(),
      );
    }
    lines.push('');
  }
  lines.push('goals');
  for (const goal of goals)
    lines.push(
      `  ${goal.met ? 'met   ' : 'MISSED'}  ${`${goal.group}: ${goal.goal}`.padEnd(62)} ${goal.detail}`,
    );
  return lines.join('\n');
}
