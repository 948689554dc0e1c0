/** A number as a text writes it: `1024`, `0.5`, `-3.25` (no exponent, no separators). */
export function numberText(n: number): string {
  if (Number.isInteger(n) || Math.abs(n) >= 1e-6) return String(Number(n.toPrecision(15)));
  return n.toFixed(12).replace(/0+$/, '');
}
