import { protectedResourceMetadata } from "@/server/oauth/protected-resource";

// GET /.well-known/oauth-protected-resource/api/v1: RFC 9728 metadata of the API.
export function GET() {
  return Response.json(protectedResourceMetadata(), {
    headers: { "Cache-Control": "public, max-age=300", "Access-Control-Allow-Origin": "*" },
  });
}
