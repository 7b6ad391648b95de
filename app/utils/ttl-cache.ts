/**
 * A small per-process cache of promises with a time to live, for public,
 * read-only query results that are the same for every user (catalogue
 * facets and result sets). Nothing in it must be shared between instances:
 * the worst case is an answer `ttlMs` old. A failed load is not kept.
 */
export function ttlCache<K, V>(opts: { ttlMs: number; maxEntries: number }) {
  const entries = new Map<K, { at: number; value: Promise<V> }>();
  return {
    get(key: K, load: () => Promise<V>, now = Date.now()): Promise<V> {
      const hit = entries.get(key);
      if (hit && now - hit.at < opts.ttlMs) return hit.value;
      if (hit) entries.delete(key);
      if (entries.size >= opts.maxEntries) entries.delete(entries.keys().next().value as K);
      const value = load();
      entries.set(key, { at: now, value });
      value.catch(() => {
        if (entries.get(key)?.value === value) entries.delete(key);
      });
      return value;
    },
    clear() {
      entries.clear();
    },
  };
}
