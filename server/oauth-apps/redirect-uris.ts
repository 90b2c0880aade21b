// What an app may register as a redirect URI (OAuth 2.1 §2.3, RFC 8252 for native apps). The
// authorization server matches a request's redirect_uri against these exactly, except the port
// of a loopback address.

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "[::1]", "localhost"]);
// Schemes that run or read something in the browser rather than hand a code to an app.
const REFUSED_SCHEMES = new Set(["javascript:", "data:", "file:", "vbscript:", "blob:", "about:"]);

/** Why `uri` cannot be a redirect URI, or null when it can. */
export function redirectUriProblem(uri: string): string | null {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return `${JSON.stringify(uri.slice(0, 100))} is not an absolute URL`;
  }
  if (url.hash || uri.includes("#")) return "a redirect URI must not have a fragment (#…)";
  if (url.username || url.password) return "a redirect URI must not carry a user name or password";
  if (url.protocol === "https:") return url.hostname ? null : "a redirect URI needs a host";
  if (url.protocol === "http:") {
    return LOOPBACK_HOSTS.has(url.hostname)
      ? null
      : "http redirect URIs are allowed on loopback only (127.0.0.1, [::1], localhost): use https";
  }
  if (REFUSED_SCHEMES.has(url.protocol)) return `${url.protocol} URLs cannot be redirect URIs`;
  // RFC 8252 §7.1: a native app's private-use scheme is a reversed domain name it controls.
  if (!url.protocol.slice(0, -1).includes(".")) {
    return "a native app's scheme must be a reversed domain name, e.g. com.example.app:/callback";
  }
  return null;
}
