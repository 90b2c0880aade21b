import { lookup } from "node:dns";
import { describe, expect, it } from "vitest";
import { guardedLookup } from "@/server/webhooks/destination-guard";

// The suite's own safety net (tests/setup/loopback-only.ts): if it stopped working, a test that
// saves https://hooks.example.com could call the real host on a machine with DNS.
describe("the test network", () => {
  it("resolves localhost and no other name, through the import the webhook sender uses", async () => {
    const resolve = (name: string) =>
      new Promise<string>((done) =>
        guardedLookup(name, { all: true }, (error) => done(error ? error.message : "ok")),
      );
    expect(await resolve("hooks.example.com")).toContain("tests resolve localhost only");
    const local = await new Promise<string>((done) =>
      lookup("localhost", (e, a) => done(e ? "error" : String(a))),
    );
    expect(["127.0.0.1", "::1"]).toContain(local);
  });
});
