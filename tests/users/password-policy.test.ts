import { describe, expect, it } from "vitest";
import { passwordProblem } from "@/server/users/password-policy";

// What a person reads when a password is refused: sentences, never the library's codes such as
// "(similarToCommon)" (issue 19).
describe("password feedback", () => {
  it("says in words why a weak password is refused", () => {
    const problem = passwordProblem("password12345");
    expect(problem).toMatch(/similar to a commonly used password/i);
    expect(problem).not.toMatch(/\b[a-z]+[A-Z][A-Za-z]*\b/);
  });

  it("accepts a long passphrase and refuses short or oversized passwords by length", () => {
    expect(passwordProblem("correct horse battery staple 42")).toBeNull();
    expect(passwordProblem("short")).toMatch(/at least 12 characters/);
    expect(passwordProblem("x".repeat(300))).toMatch(/at most 256 characters/);
  });
});
