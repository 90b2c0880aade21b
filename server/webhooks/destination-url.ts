import { isIP } from "node:net";
import { isPublicAddress, privateDestinationsAllowed } from "./destination-guard";

/**
 * What is wrong with an endpoint's URL when it is saved, or null. This is early feedback only:
 * the address a name resolves to is judged again at every delivery (destination-guard.ts).
 */
export function destinationProblem(value: string): string | null {
  if (!URL.canParse(value)) return "url must be an absolute https URL";
  const url = new URL(value);
  const allowPrivate = privateDestinationsAllowed();
  if (url.protocol !== "https:" && !(allowPrivate && url.protocol === "http:")) {
    return "url must be an https URL";
  }
  if (url.username || url.password) return "url must not hold credentials";
  if (url.hash) return "url must not have a fragment";
  if (allowPrivate) return null;
  const host = url.hostname.replace(/^\[|\]$/g, "").toLowerCase();
  if (host === "localhost" || host.endsWith(".localhost") || host.endsWith(".internal")) {
    return "url must be reachable on the public internet, not a local name";
  }
  if (isIP(host) !== 0 && !isPublicAddress(host)) {
    return "url must be reachable on the public internet: private, loopback and link-local addresses are refused";
  }
  return null;
}
