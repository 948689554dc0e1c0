/** Keeping requests inside the context window, and running calls a few at a time. */

/**
 * Splits `items` into consecutive groups, each as large as `fits` allows (at least one item per group: a single
 * item that does not fit is the caller's to shorten).
 */
export function packGroups<T>(items: readonly T[], fits: (group: readonly T[]) => boolean): T[][] {
  const groups: T[][] = [];
  let current: T[] = [];
  for (const item of items) {
    if (current.length > 0 && !fits([...current, item])) {
      groups.push(current);
      current = [];
    }
    current.push(item);
  }
  if (current.length > 0) groups.push(current);
  return groups;
}

/** The largest evenly spread subset of `items` (in order) that `fits`, by halving; at least one item. */
export function thinToFit<T>(items: readonly T[], fits: (subset: readonly T[]) => boolean): T[] {
  let keep = items.length;
  for (;;) {
    const subset = spreadPick(items, keep);
    if (keep <= 1 || fits(subset)) return subset;
    keep = Math.max(1, Math.floor(keep * 0.75));
  }
}

/** `k` items evenly spread over `items`, in order. */
export function spreadPick<T>(items: readonly T[], k: number): T[] {
  if (k >= items.length) return [...items];
  return Array.from({ length: k }, (_, i) => items[Math.floor((i * items.length) / k)]!);
}

/** `fn` over `items` with at most `limit` running at once; results in order; the first failure rejects. */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  let failed = false;
  const lane = async () => {
    while (!failed && next < items.length) {
      const i = next++;
      try {
        out[i] = await fn(items[i]!, i);
      } catch (err) {
        failed = true;
        throw err;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, lane));
  return out;
}
