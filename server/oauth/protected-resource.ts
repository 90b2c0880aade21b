import { SCOPES } from "@/lib/scopes";
import { oauthIssuer, oauthResource } from "./resource";

/**
 * RFC 9728: how a client that only knows the API finds where to get a token for it (MCP clients
 * start here, from the 401's WWW-Authenticate).
 */
export function protectedResourceMetadata() {
  return {
    resource: oauthResource(),
    authorization_servers: [oauthIssuer()],
    scopes_supported: [...SCOPES],
    bearer_methods_supported: ["header"],
    resource_name: "Voltasis API",
    resource_documentation: `${oauthIssuer()}/docs`,
  };
}

/** Where the metadata is served: the resource's path under /.well-known/oauth-protected-resource. */
export function protectedResourceMetadataUrl(): string {
  return `${oauthIssuer()}/.well-known/oauth-protected-resource/api/v1`;
}
