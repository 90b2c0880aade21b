// Names shared by the global setup (which builds the template) and each file's setup. The
// template is named after the target database, so runs against different databases coexist.
export function templateDatabase(url: string): string {
  const name = new URL(url).pathname.slice(1).replace(/[^A-Za-z0-9_]/g, "_") || "postgres";
  return `voltasis_tpl_${name}`.slice(0, 63);
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
