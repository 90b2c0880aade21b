// npm run user:create -- --email ada@example.com --name "Ada" --org "Acme" [--platform-admin]
// The password comes from VOLTASIS_PASSWORD or standard input, never from an argument (which
// would sit in shell history and `ps` output).
import { parseArgs } from "node:util";
import { closeDb } from "@/db";
import { ApiError } from "@/server/http/api-error";
import { createUser } from "@/server/users/create-user";

const { values } = parseArgs({
  options: {
    email: { type: "string" },
    name: { type: "string" },
    org: { type: "string" },
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

if (!values.email || !values.name || !values.org) {
  console.error(
    "Usage: npm run user:create -- --email … --name … --org … [--platform-admin]\n(password from VOLTASIS_PASSWORD or standard input)",
  );
  process.exit(2);
}
const password = process.env.VOLTASIS_PASSWORD || (await readStdin());
try {
  const result = await createUser({
    email: values.email,
    name: values.name,
    organization: values.org,
    password,
    platformAdmin: values["platform-admin"],
  });
  console.log(
    `Created ${values.email} (${result.userId}), owner of ${values.org}${result.createdOrganization ? " (new organization)" : ""}${values["platform-admin"] ? ", platform admin" : ""}`,
  );
  process.exitCode = 0;
} catch (error) {
  console.error(error instanceof ApiError ? error.message : (error as Error).message);
  process.exitCode = 1;
} finally {
  await closeDb();
}
