/** A cached list of cursor pages: each page's rows, by id. */
interface CachedPages {
  pages: { data: { id: string }[] }[];
}

/** The cached pages without the row of that id (one just deleted); no cache stays none. */
export function withoutRow<Data extends CachedPages>(data: Data | undefined, id: string) {
  if (!data) return data;
  const pages = data.pages.map((page) => ({
    ...page,
    data: page.data.filter((row) => row.id !== id),
  }));
  return { ...data, pages } as Data;
}
