import { afterEach, describe, expect, it } from "vitest";
import { resetEnvForTests } from "@/lib/env";
import { seal, unseal } from "@/server/core/seal";

const original = process.env.AUTH_SECRET;
afterEach(() => {
  process.env.AUTH_SECRET = original;
  resetEnvForTests();
});

describe("sealed outbox bodies", () => {
  it("open with the same secret and row, and show nothing of the plaintext", () => {
    const body = JSON.stringify({ text: "https://x.test/reset-password?token=vlt_pr_secret" });
    const sealed = seal(body, "eml_row1", "email-outbox v1");
    expect(sealed).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(sealed).not.toContain("vlt_pr_secret");
    expect(unseal(sealed, "eml_row1", "email-outbox v1")).toBe(body);
    // A fresh IV each time: the same body never seals to the same text.
    expect(seal(body, "eml_row1", "email-outbox v1")).not.toBe(sealed);
  });

  it("refuse another row, a changed byte, a truncated value and another AUTH_SECRET", () => {
    const sealed = seal("hello", "eml_row1", "email-outbox v1");
    expect(unseal(sealed, "eml_row2", "email-outbox v1")).toBeNull();
    const [version, iv, tag, body = ""] = sealed.split(".");
    // The first character: all six of its bits are ciphertext (a last one may be padding).
    const flipped = `${body.startsWith("A") ? "B" : "A"}${body.slice(1)}`;
    expect(flipped).not.toBe(body);
    expect(unseal([version, iv, tag, flipped].join("."), "eml_row1", "email-outbox v1")).toBeNull();
    expect(unseal([version, iv, tag].join("."), "eml_row1", "email-outbox v1")).toBeNull();
    expect(unseal(`v2.${iv}.${tag}.${body}`, "eml_row1", "email-outbox v1")).toBeNull();
    expect(unseal("not sealed at all", "eml_row1", "email-outbox v1")).toBeNull();
    process.env.AUTH_SECRET = "another-secret-that-is-long-enough-for-auth-js-9876543210";
    resetEnvForTests();
    expect(unseal(sealed, "eml_row1", "email-outbox v1")).toBeNull();
  });

  it("opens only under the purpose it was sealed for: each purpose has its own key", () => {
    const sealed = seal("hello", "row", "email-outbox v1");
    expect(unseal(sealed, "row", "oauth-store v1")).toBeNull();
    expect(unseal(sealed, "row", "email-outbox v1")).toBe("hello");
  });
});
