/**
 * Memory sizes as operators write them (`8GB`, `1.3g`, `512MB`, `900m`) ⇄ MiB. Binary units throughout, as
 * Docker reads `mem_limit: 1.3g` (1.3 × 1024³ bytes), so a size means the same here and in the compose file.
 */

import { BadSizeError } from '../errors.ts';

const UNIT_MB: Record<string, number> = { '': 1, m: 1, mb: 1, mib: 1, g: 1024, gb: 1024, gib: 1024 };

/** `"1.3g"` → 1331.2 (MiB). A bare number is MiB. */
export function parseSize(text: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(text);
  const factor = match ? UNIT_MB[match[2]!.toLowerCase()] : undefined;
  if (!match || factor === undefined || Number(match[1]) <= 0) throw new BadSizeError(text);
  return Number(match[1]) * factor;
}

/** MiB → a Docker size: `1.3g` when it is a whole number of tenths of a GiB, else whole MiB (`1250m`). */
export function formatDockerSize(mb: number): string {
  const tenths = (mb / 1024) * 10;
  if (Math.abs(tenths - Math.round(tenths)) < 1e-9) return `${Math.round(tenths) / 10}g`;
  return `${Math.floor(mb)}m`;
}

/** MiB → what a person reads: `1.3 GB`, `1.22 GB` or `420 MB`. */
export function formatSize(mb: number): string {
  return mb >= 1024 ? `${Math.round((mb / 1024) * 100) / 100} GB` : `${Math.round(mb)} MB`;
}

/** CPUs with at most two decimals, no trailing zeros (`0.3`, `1.5`, `2`). */
export function formatCpus(cpus: number): string {
  return String(Math.round(cpus * 100) / 100);
}
