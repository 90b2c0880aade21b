const LOOPBACK_HOSTS = new Set(["127.0.0.1", "[::1]"]);

/**
 * RFC 8252 §7.3: `presented` is `registered` with another port on a loopback IP literal (http
 * only; `localhost` is not a literal, and may resolve elsewhere). Everything else must match.
 */
export function isLoopbackVariant(registered: string, presented: string): boolean {
  if (!URL.canParse(registered) || !URL.canParse(presented)) return false;
  const a = new URL(registered);
  const b = new URL(presented);
  if (a.protocol !== "http:" || b.protocol !== "http:") return false;
  if (b.username || b.password) return false;
  if (!LOOPBACK_HOSTS.has(a.hostname) || a.hostname !== b.hostname) return false;
  // Compared as written: the path and query must be the registered ones exactly.
  const rest = (u: string) => u.slice(u.indexOf("/", u.indexOf("//") + 2));
  const hasPath = (u: string) => u.indexOf("/", u.indexOf("//") + 2) !== -1;
  if (hasPath(registered) !== hasPath(presented)) return false;
  return !hasPath(registered) || rest(registered) === rest(presented);
}
