// Where a sign-in may send the browser next: a path on this site, or the dashboard. The one rule
// for every callbackUrl (the login page, the login form's action), so none can be an open redirect.

export const DEFAULT_REDIRECT = "/dashboard";

// A placeholder origin to resolve paths against; `.invalid` can never be a real host.
const ORIGIN = "http://voltasis.invalid";
const MAX_LENGTH = 2048;
// A proxy or a second decoder may decode again: a path still changing after this many is refused.
const DECODE_ROUNDS = 3;
// Browsers drop tabs and newlines from a URL and read `\` as `/`, so `/\evil.example` and
// `/\t/evil.example` are `//evil.example`: another host. No path of ours holds any of them.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is its job
const UNSAFE = /[\u0000-\u001f\u007f\\]/;

/**
 * `target` if it is a path on this site (query and fragment kept, normalised as a browser would
 * send it), else `fallback`. Its path must stay on this site however often it is decoded, so
 * `/%5Cevil.example`, `/%2F%2Fevil.example` and `/%255Cevil.example` are refused too.
 */
export function safeRedirect(target: unknown, fallback: string = DEFAULT_REDIRECT): string {
  if (typeof target !== "string" || target.length > MAX_LENGTH) return fallback;
  if (!target.startsWith("/") || UNSAFE.test(target)) return fallback;
  const url = onThisSite(target);
  if (!url) return fallback;
  let path = url.pathname;
  for (let round = 0; ; round++) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(path);
    } catch {
      return fallback; // malformed escapes: no page of ours is named that way
    }
    if (decoded === path) break;
    if (round === DECODE_ROUNDS || UNSAFE.test(decoded) || !onThisSite(decoded)) return fallback;
    path = decoded;
  }
  return `${url.pathname}${url.search}${url.hash}`;
}

/** The URL `path` resolves to, if that is on this site and not protocol-relative once resolved. */
function onThisSite(path: string): URL | null {
  try {
    const url = new URL(path, ORIGIN);
    // `/..//evil.example` resolves to the path `//evil.example`: sent on as is, another host.
    return url.origin === ORIGIN && !url.pathname.startsWith("//") ? url : null;
  } catch {
    return null;
  }
}
