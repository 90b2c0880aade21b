// Tests talk only to 127.0.0.1: a name other than localhost never resolves here, so a webhook
// endpoint a test saves with a public example URL (https://hooks.example.com) is never called,
// whatever DNS the machine running the suite has. Patched before any module of ours loads, and
// synced into the ESM bindings of node:dns that `import { lookup }` reads.
import dns from "node:dns";
import { syncBuiltinESMExports } from "node:module";

type AnyLookup = (hostname: string, ...rest: unknown[]) => void;
const realLookup = dns.lookup as unknown as AnyLookup;
const LOCAL = new Set(["localhost", "127.0.0.1", "::1"]);

const loopbackOnly: AnyLookup = (hostname, ...rest) => {
  if (LOCAL.has(hostname)) return realLookup(hostname, ...rest);
  const callback = rest.at(-1) as (error: NodeJS.ErrnoException) => void;
  const error = Object.assign(
    new Error(`getaddrinfo ENOTFOUND ${hostname} (tests resolve localhost only)`),
    {
      code: "ENOTFOUND",
      hostname,
    },
  );
  process.nextTick(() => callback(error));
};
(dns as unknown as { lookup: AnyLookup }).lookup = loopbackOnly;
syncBuiltinESMExports();
