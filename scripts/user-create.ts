// npm run user:create -- --email ada@example.com --name "Ada" (--org org_… | --new-org "Acme")
//   [--platform-admin]
// --org adds the user as owner of the existing organization with that id; --new-org creates a
// new organization the user owns. Never an organization by its name: names are not unique.
// The password comes from VOLTASIS_PASSWORD or standard input, never from an argument (which
// would sit in shell history and `ps` output).
import { parseArgs } from "node:util";
import { closeDb } from "@/db";
import { isId } from "@/lib/ids";
import { ApiError } from "@/server/core/api-error";
import { createUser } from "@/server/users/create-user";

const USAGE =
  "Usage: npm run user:create -- --email … --name … (--org org_… | --new-org NAME) [--platform-admin]\n" +
  "  --org org_…     owner of the existing organization with this id\n" +
  "  --new-org NAME  owner of a new organization named NAME\n" +
  "(password from VOLTASIS_PASSWORD or standard input)";

const { values } = parseArgs({
  options: {
    email: { type: "string" },
    name: { type: "string" },
    org: { type: "string" },
    "new-org": { type: "string" },
    "platform-admin": { type: "boolean", default: false },
  },
  strict: true,
});

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write("Password: ");
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8").split(/\r?\n/)[0] ?? "";
}

function usage(problem?: string): never {
  console.error(problem ? `${problem}\n${USAGE}` : USAGE);
  process.exit(2);
}

const { email, name, org, "new-org": newOrg } = values;
if (!email || !name || (org === undefined) === (newOrg === undefined)) usage();
// Before --new-org, --org took a name: refuse one rather than guess which organization it means.
if (org !== undefined && !isId("org", org)) {
  usage(
    `--org takes an organization id (org_…), not a name: ${JSON.stringify(org)}. To create an organization, use --new-org NAME.`,
  );
}
const password = process.env.VOLTASIS_PASSWORD || (await readStdin());
try {
  const result = await createUser({
    email,
    name,
    organization: org !== undefined ? { id: org } : { newName: newOrg ?? "" },
    password,
    platformAdmin: values["platform-admin"],
  });
  console.log(
    `Created ${email} (${result.userId}), owner of ${result.organizationName} (${result.organizationId}${result.createdOrganization ? ", new" : ""})${values["platform-admin"] ? ", platform admin" : ""}`,
  );
  process.exitCode = 0;
} catch (error) {
  console.error(error instanceof ApiError ? error.message : (error as Error).message);
  process.exitCode = 1;
} finally {
  await closeDb();
}
