import type { components } from "@/lib/api-schema";

// The JSON shapes of /api/v1/oauth-grants and of an organization's policy, as the types generated
// from the OpenAPI document declare them, so the pages cannot drift from the API.
type ApiSchemas = components["schemas"];

export type OAuthGrant = ApiSchemas["OAuthGrant"];
export type ThirdPartyAccess = ApiSchemas["Organization"]["third_party_access"];

/** The two policies, in the words the radio buttons use. */
export const THIRD_PARTY_ACCESS_OPTIONS: readonly {
  value: ThirdPartyAccess;
  label: string;
  hint: string;
}[] = [
  {
    value: "any",
    label: "Any app",
    hint: "Members may authorize any app, including ones other organizations registered and apps that registered themselves.",
  },
  {
    value: "own_apps",
    label: "Only apps registered by this organization",
    hint: "Members may authorize only the apps listed in Settings > OAuth apps.",
  },
];

export function thirdPartyAccessLabel(value: ThirdPartyAccess): string {
  return THIRD_PARTY_ACCESS_OPTIONS.find((o) => o.value === value)?.label ?? value;
}
