// No "use client": the server pages build their prefetch keys with it too.

/**
 * The query string the dashboard's client sends for a query object: URLSearchParams encoding, in
 * the object's order, leaving out what is undefined or null. A list's cache key is this string, so
 * the server page's prefetch and the client's request land under the same key.
 */
export function toSearch(query: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    for (const item of Array.isArray(value) ? value : [value]) params.append(name, String(item));
  }
  return params.toString();
}
