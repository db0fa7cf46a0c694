/** Series colours: distinct, colour-blind friendly first (Okabe–Ito-like), then more. */
export const PALETTE = [
  '#5b5bd6',
  '#e5484d',
  '#12a594',
  '#f76b15',
  '#0090ff',
  '#d6409f',
  '#8e4ec6',
  '#ab6400',
];

export const ACCENT = PALETTE[0]!;

export function colorAt(index: number): string {
  return PALETTE[index % PALETTE.length]!;
}
