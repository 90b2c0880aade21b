/** `%`, `_` and `\` typed into a search box are searched for, not used as wildcards (ILIKE). */
export function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
