import type { Plan } from "@/lib/plans";

/**
 * Sets a demo organization's plan as a platform admin does: POST /auth/token as
 * admin@voltasis.test, find the organization by name, PATCH /organizations/{id} {"plan"}.
 * Plain fetch, so the benchmarks use it too. Returns the organization's id.
 */
export async function setPlanAsPlatformAdmin(
  baseUrl: string,
  organizationName: string,
  plan: Plan,
): Promise<string> {
  const call = async (path: string, init: RequestInit = {}, token?: string) => {
    const res = await fetch(`${baseUrl}/api/v1${path}`, {
      ...init,
      headers: {
        "content-type": "application/json",
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
    });
    const body = await res.json();
    if (!res.ok)
      throw new Error(`${init.method ?? "GET"} ${path}: ${res.status} ${JSON.stringify(body)}`);
    return body.data;
  };
  const { access_token: token } = await call("/auth/token", {
    method: "POST",
    body: JSON.stringify({ email: "admin@voltasis.test", password: "voltasis-demo" }),
  });
  const found = (await call(
    `/organizations?q=${encodeURIComponent(organizationName)}`,
    {},
    token,
  )) as {
    id: string;
    name: string;
  }[];
  const organization = found.find((o) => o.name === organizationName);
  if (!organization) throw new Error(`no organization named ${organizationName}`);
  await call(
    `/organizations/${organization.id}`,
    { method: "PATCH", body: JSON.stringify({ plan }) },
    token,
  );
  return organization.id;
}
