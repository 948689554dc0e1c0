/** `--since 1d`, `?since=2026-12-01`: a moment given as an age (`90s`, `30m`, `12h`, `7d`, `2w`) or an ISO date. */

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/**
 * The moment `text` names, or null when it names none: an age before `now` (a number and one of s, m, h, d, w)
 * or an ISO 8601 date or time.
 */
export function parseSince(text: string, now: number = Date.now()): Date | null {
  const age = /^(\d{1,6})([smhdw])$/.exec(text.trim());
  if (age) return new Date(now - Number(age[1]) * UNIT_MS[age[2]!]!);
  if (!/^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(text.trim())) return null;
  const at = new Date(text.trim());
  return Number.isNaN(at.getTime()) ? null : at;
}

/** The one-line reason a `since` value is refused. */
export const SINCE_HELP = 'an age such as 30m, 12h, 1d, 2w, or an ISO date such as 2026-12-01';
