/** Every item of a paged AWS list call; `page` answers one page's items and the token of the next, if any. */
export async function allPages<T>(page: (nextToken: string | undefined) => Promise<{ items?: T[]; nextToken?: string }>): Promise<T[]> {
  const items: T[] = [];
  let nextToken: string | undefined;
  do {
    const result = await page(nextToken);
    items.push(...(result.items ?? []));
    nextToken = result.nextToken;
  } while (nextToken);
  return items;
}

/** How many resources a live reader reads at once. */
const CONCURRENCY = 8;

/**
 * `read` of every item, `CONCURRENCY` at a time, in the items' order. The first failure stops
 * the rest and fails the whole with the item named (`name`), rather than leaving a gap.
 */
export async function readEach<T, R>(items: T[], read: (item: T) => Promise<R>, name: (item: T) => string): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  let failed = false;
  const worker = async () => {
    for (let i = next++; i < items.length && !failed; i = next++) {
      try {
        out[i] = await read(items[i]);
      } catch (error) {
        failed = true;
        throw new Error(`${name(items[i])}: ${(error as Error).message}`);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, items.length) }, worker));
  return out;
}

/** AWS tags as `[{ Key, Value }]`, from a list of possibly partial tags or from a map. */
export function tagList(tags: { Key?: string; Value?: string }[] | Record<string, string> | undefined): { Key: string; Value: string }[] {
  if (!tags) return [];
  if (!Array.isArray(tags)) return Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
  return tags.flatMap(t => (t.Key !== undefined ? [{ Key: t.Key, Value: t.Value ?? '' }] : []));
}
