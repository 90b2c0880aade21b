import { randomBytes } from "node:crypto";
import { getDb } from "@/db";
import { webhookEndpoints } from "@/db/schema";
import { newId } from "@/lib/ids";
import { hashToken } from "@/server/tokens/format";
import { orgId } from "@/tests/helpers/fixtures";

/** A webhook endpoint of the organization, subscribed to api_key.exposed, and its secret. */
export async function insertWebhookEndpoint(slug: "acme" | "globex", createdBy: string) {
  const secret = `whsec_${randomBytes(32).toString("base64")}`;
  const id = newId("we");
  await (await getDb()).insert(webhookEndpoints).values({
    id,
    organizationId: await orgId(slug),
    createdBy,
    url: "https://hooks.example.test/voltasis",
    events: ["api_key.exposed"],
    // Sealing is the endpoint's business; only the hash matters to a leak report.
    secretSealed: "sealed-for-the-test",
    secretHash: hashToken(secret),
  });
  return { id, secret };
}
