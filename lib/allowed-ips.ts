import ipaddr from "ipaddr.js";

/**
 * The rules of a key's IP allowlist, shared by the API (which decides) and the dashboard (which
 * names every bad entry before sending): no node:net here, so that it runs in the browser too.
 */

/** The most entries a key's allowlist may hold. */
export const MAX_ALLOWED_IPS = 50;

/** The longest entry taken: no address or range is longer (IPv6 with a prefix is 43). */
export const ALLOWED_IP_MAX_LENGTH = 64;

type Address = ipaddr.IPv4 | ipaddr.IPv6;

const fullPrefix = (address: Address) => (address.kind() === "ipv4" ? 32 : 128);

/**
 * An address as people write one: four decimal parts for IPv4 (not shorthands such as `127.1`
 * or `0x7f.0.0.1`, which ipaddr.js alone takes and nobody means in an allowlist), IPv6 without
 * a zone, and an embedded IPv4 tail in the same four-part form.
 */
function isAddressText(text: string): boolean {
  if (text.includes("%")) return false;
  if (!text.includes(":")) return ipaddr.IPv4.isValidFourPartDecimal(text);
  const tail = text.slice(text.lastIndexOf(":") + 1);
  if (tail.includes(".") && !ipaddr.IPv4.isValidFourPartDecimal(tail)) return false;
  return ipaddr.IPv6.isValid(text);
}

/**
 * One allowlist entry in canonical form, or null when it is not an IPv4/IPv6 address or CIDR
 * range. A single address is stored plain (`203.0.113.7`, `2001:db8::1`), never as /32 or
 * /128; a range as its network address and prefix (`10.1.2.3/8` becomes `10.0.0.0/8`). An
 * IPv4-mapped IPv6 entry (`::ffff:192.0.2.1`, `::ffff:192.0.2.0/120`) becomes the IPv4 it
 * names, since client addresses are compared unwrapped.
 */
export function normalizeAllowedIp(entry: string): string | null {
  const [text = "", prefixText, extra] = entry.trim().split("/");
  if (extra !== undefined || !isAddressText(text)) return null;
  let address: Address = ipaddr.parse(text);
  let prefix = fullPrefix(address);
  if (prefixText !== undefined) {
    if (!/^\d{1,3}$/.test(prefixText) || Number(prefixText) > prefix) return null;
    prefix = Number(prefixText);
  }
  if (address instanceof ipaddr.IPv6 && address.isIPv4MappedAddress() && prefix >= 96) {
    address = address.toIPv4Address();
    prefix -= 96;
  }
  if (prefix === fullPrefix(address)) return address.toString();
  const cidr = `${address.toString()}/${prefix}`;
  const network =
    address.kind() === "ipv4"
      ? ipaddr.IPv4.networkAddressFromCIDR(cidr)
      : ipaddr.IPv6.networkAddressFromCIDR(cidr);
  return `${network.toString()}/${prefix}`;
}

/** What is wrong with one entry, in the API's words, or null when it is a good one. */
export function allowedIpProblem(entry: string): string | null {
  if (entry.length > ALLOWED_IP_MAX_LENGTH) {
    return `each entry must be at most ${ALLOWED_IP_MAX_LENGTH} characters`;
  }
  return normalizeAllowedIp(entry) === null
    ? `${JSON.stringify(entry)} is not an IPv4 or IPv6 address or CIDR range`
    : null;
}
