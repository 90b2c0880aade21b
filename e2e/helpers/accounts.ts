import { type APIRequestContext, expect } from "@playwright/test";
import { DEMO_PASSWORD } from "./login";

interface NewMemberOptions {
  /** The demo account that sends the invitation: its organization is the one joined. */
  inviter?: string;
  name?: string;
  password?: string;
}

/** An invitation into `inviter`'s organization for a fresh address: its email and link token. */
export async function invitation(
  request: APIRequestContext,
  { inviter = "owner@acme.test", name = "Nina Newcomer" }: { inviter?: string; name?: string } = {},
) {
  const signedIn = await request.post("/api/v1/auth/token", {
    data: { email: inviter, password: DEMO_PASSWORD },
  });
  expect(signedIn.status()).toBe(200);
  const email = `${name.toLowerCase().replace(/\W+/g, "-")}-${Date.now()}-${Math.random().toString(36).slice(2, 6)}@example.test`;
  const invited = await request.post("/api/v1/invitations", {
    headers: { authorization: `Bearer ${(await signedIn.json()).data.access_token}` },
    data: { email, role: "member" },
  });
  expect(invited.status()).toBe(201);
  return { email, token: String((await invited.json()).data.url).split("/invite/")[1] };
}

/**
 * Someone who joined an organization from an invitation (sent through the API by `inviter`, an
 * owner) with a password of their own: a user no other test signs in as, so a test may sign it
 * out everywhere, change its password or remove it.
 */
export async function newMember(
  request: APIRequestContext,
  {
    inviter = "owner@acme.test",
    name = "Nina Newcomer",
    password = "copper meadow violin 64",
  }: NewMemberOptions = {},
) {
  const { email, token } = await invitation(request, { inviter, name });
  const accepted = await request.post("/api/v1/invitations/accept", {
    data: { token, name, password },
  });
  expect(accepted.status()).toBe(200);
  return {
    email,
    name,
    password,
    accessToken: (await accepted.json()).data.access_token as string,
  };
}
