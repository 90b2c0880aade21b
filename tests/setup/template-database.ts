// Names shared by the global setup (which builds the template) and each file's setup.
export const TEMPLATE_DB = "voltasis_test_template";

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
