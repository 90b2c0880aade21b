import type { PublicApiKey } from "./public-api-key";

/**
 * What an `api_key.*` webhook event says of a key: the key as the API answers it, less the
 * creator's email and the last caller's address (personal data a receiver has no need of; the
 * creator's id is there). Never the secret: PublicApiKey has none.
 */
export function apiKeyEventData(
  key: PublicApiKey,
  actor: string | null,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  const { creator: _creator, last_used_ip: _lastUsedIp, ...shown } = key;
  return { ...shown, ...extra, actor };
}
