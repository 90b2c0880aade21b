import { beforeAll, describe, expect, it } from "vitest";
import * as organizationsRoute from "@/app/api/v1/organizations/route";
import { getDb } from "@/db";
import {
  canEnterOrganization,
  listSwitcherOrganizations,
} from "@/server/organizations/list-organizations";
import { findActiveUser } from "@/server/users/find-active-user";
import { createKey, DEMO, orgId, userId } from "@/tests/helpers/fixtures";
import { invoke } from "@/tests/helpers/invoke";
import { login, makeUser } from "@/tests/helpers/tokens";

const database = process.env.DATABASE_URL ? "PostgreSQL" : "PGlite";

interface Listed {
  id: string;
  name: string;
  role: string | null;
}

beforeAll(async () => {
  await getDb();
});

function list(token: string, query: string) {
  return invoke(organizationsRoute.GET, { path: `/organizations?${query}`, token });
}

/** Every page of GET /organizations?{query}, following next_cursor; fails on a non-200. */
async function listAll(token: string, query: string) {
  const pages: Listed[][] = [];
  let cursor: string | null = null;
  do {
    const res = await list(token, `${query}${cursor ? `&cursor=${cursor}` : ""}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    pages.push(res.body.data);
    cursor = res.body.next_cursor;
  } while (cursor && pages.length < 50);
  return pages;
}

/** A new account (member of Globex) that creates organizations with these names, in order. */
async function accountWith(names: string[]) {
  const user = await makeUser("globex", "member");
  const { access_token } = await login(user.email);
  const made: Listed[] = [];
  for (const name of names) {
    const res = await invoke(organizationsRoute.POST, {
      method: "POST",
      path: "/organizations",
      token: access_token,
      body: { name },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    made.push(res.body.data);
  }
  return { user, token: access_token, made };
}

const tag = () => Math.random().toString(36).slice(2, 8);

describe(`GET /organizations?q= (${database})`, () => {
  it("a platform admin searches every organization, case-insensitively, page by page", async () => {
    const t = tag();
    // Two accounts' organizations, and one that must not match.
    const a = await accountWith([`Needle ${t} one`, `needle ${t} two`, `Haystack ${t}x`]);
    const b = await accountWith([`${t} NEEDLE three`, `Needle-${t} four`, `Needle ${t}`]);
    const admin = await login(DEMO.admin);

    const pages = await listAll(
      admin.access_token,
      `q=${encodeURIComponent(`needle ${t}`)}&limit=2`,
    );
    expect(pages.map((p) => p.length)).toEqual([2, 1]);
    const names = pages.flat().map((o) => o.name);
    // Newest first; "Needle-t four" and "t NEEDLE three" hold the words in another order.
    expect(names).toEqual([`Needle ${t}`, `needle ${t} two`, `Needle ${t} one`]);
    // Not a member of any of them: the admin sees them with no role.
    expect(pages.flat().every((o) => o.role === null)).toBe(true);

    const upper = await listAll(admin.access_token, `q=${t.toUpperCase()}&limit=100`);
    expect(
      upper
        .flat()
        .map((o) => o.id)
        .sort(),
    ).toEqual([...a.made, ...b.made].map((o) => o.id).sort());
    // Spaces around the text are ignored, an empty q is no filter at all.
    const padded = await list(admin.access_token, `q=${encodeURIComponent(`  Needle-${t} `)}`);
    expect(padded.body.data.map((o: Listed) => o.name)).toEqual([`Needle-${t} four`]);
    const empty = await list(admin.access_token, "q=&limit=100");
    expect(empty.status).toBe(200);
    expect(empty.body.data.map((o: Listed) => o.id)).toContain(await orgId("globex"));
  });

  it("%, _ and \\ are searched for as they are, not as wildcards", async () => {
    const t = tag();
    const { made } = await accountWith([
      `${t} 100% sure`,
      `${t} snake_case`,
      `${t} back\\slash`,
      `${t} plain`,
    ]);
    const [percent, underscore, backslash] = made;
    const admin = await login(DEMO.admin);
    for (const [q, expected] of [
      [`${t} 100%`, [percent]],
      ["%", [percent]],
      ["_", [underscore]],
      ["\\", [backslash]],
      [`${t}%plain`, []],
      [`${t}_plain`, []],
    ] as const) {
      const res = await list(admin.access_token, `q=${encodeURIComponent(q)}&limit=100`);
      expect(res.status, q).toBe(200);
      // Only this test's organizations hold these characters.
      expect(
        res.body.data.map((o: Listed) => o.id),
        q,
      ).toEqual(expected.map((o) => o?.id));
    }
  });

  it("q is at most 100 characters", async () => {
    const admin = await login(DEMO.admin);
    expect((await list(admin.access_token, `q=${"a".repeat(100)}`)).status).toBe(200);
    const long = await list(admin.access_token, `q=${"a".repeat(101)}`);
    expect(long.status).toBe(400);
    expect(long.body.error.code).toBe("VALIDATION_ERROR");
    expect(JSON.stringify(long.body.error.details)).toMatch(/q must be at most 100/);
  });

  it("anyone else's q searches only their own organizations", async () => {
    const t = tag();
    const mine = await accountWith([`Shared ${t} mine`, `Shared ${t} also mine`]);
    await accountWith([`Shared ${t} theirs`]);
    const found = await listAll(mine.token, `q=${encodeURIComponent(`shared ${t}`)}&limit=1`);
    expect(found.map((p) => p.length)).toEqual([1, 1]);
    expect(found.flat().map((o) => o.name)).toEqual([`Shared ${t} also mine`, `Shared ${t} mine`]);
    expect(found.flat().every((o) => o.role === "owner")).toBe(true);
    // An Acme member cannot find Globex by name, nor anything it does not belong to.
    const acme = await login(DEMO.acmeMember);
    expect((await list(acme.access_token, "q=Globex")).body).toEqual({
      data: [],
      next_cursor: null,
    });
    expect((await list(acme.access_token, `q=${t}`)).body.data).toEqual([]);
  });

  it("an API key without admin:organizations searches only its own organization", async () => {
    const { secret } = await createKey(DEMO.acmeOwner, "acme", ["read:users"]);
    expect((await list(secret, "q=acm")).body.data.map((o: Listed) => o.name)).toEqual(["Acme"]);
    expect((await list(secret, "q=Globex")).body.data).toEqual([]);
  });
});

describe(`what the dashboard embeds for the switcher (${database})`, () => {
  it("a platform admin: its memberships, and the organization it visits; never the others", async () => {
    const t = tag();
    await accountWith([`Elsewhere ${t}`]);
    const admin = await findActiveUser(await userId(DEMO.admin));
    if (!admin) throw new Error("no admin");
    const acme = await orgId("acme");
    const globex = await orgId("globex");
    const home = await listSwitcherOrganizations(admin, acme);
    expect(home).toEqual([{ id: acme, name: "Acme", role: "admin" }]);
    const visiting = await listSwitcherOrganizations(admin, globex);
    expect(visiting).toEqual([
      { id: acme, name: "Acme", role: "admin" },
      { id: globex, name: "Globex", role: null },
    ]);
    expect(await canEnterOrganization(admin.id, globex)).toBe(true);
    expect(await canEnterOrganization(admin.id, "org_doesnotexist0000000")).toBe(false);
  });

  it("anyone else: their memberships only, whatever the session names", async () => {
    const member = await findActiveUser(await userId(DEMO.acmeMember));
    if (!member) throw new Error("no member");
    const acme = await orgId("acme");
    const globex = await orgId("globex");
    expect(await listSwitcherOrganizations(member, globex)).toEqual([
      { id: acme, name: "Acme", role: "member" },
    ]);
    expect(await canEnterOrganization(member.id, acme)).toBe(true);
    expect(await canEnterOrganization(member.id, globex)).toBe(false);
  });
});
