import { zxcvbn, zxcvbnOptions } from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";
import * as english from "@zxcvbn-ts/language-en";
import { ApiError } from "@/server/core/api-error";

export const MIN_PASSWORD_LENGTH = 12;
const MAX_PASSWORD_LENGTH = 256;
// zxcvbn scores 0-4; 3 is "safely unguessable: moderate protection from offline attacks".
const MIN_SCORE = 3;

let configured = false;
function configure(): void {
  if (configured) return;
  zxcvbnOptions.setOptions({
    dictionary: { ...common.dictionary },
    graphs: common.adjacencyGraphs,
    // Feedback in words ("This is similar to a commonly used password"), not its codes.
    translations: english.translations,
  });
  configured = true;
}

/** Why a new password is refused, as a sentence a person can act on; null when it is fine. */
export function passwordProblem(password: string, userInputs: string[] = []): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) {
    return `Use at least ${MIN_PASSWORD_LENGTH} characters for the password`;
  }
  if (password.length > MAX_PASSWORD_LENGTH) {
    return `Use at most ${MAX_PASSWORD_LENGTH} characters for the password`;
  }
  configure();
  const result = zxcvbn(password, userInputs.filter(Boolean));
  if (result.score >= MIN_SCORE) return null;
  const hint = result.feedback.warning || "It is too easy to guess";
  return `This password is too common or easy to guess (${hint.replace(/\.$/, "")}). Add more words or characters that are not a known pattern`;
}

/** Throws 400 VALIDATION_ERROR naming the field when the password is not acceptable. */
export function assertStrongPassword(
  password: string,
  userInputs: string[] = [],
  field = "password",
): void {
  const problem = passwordProblem(password, userInputs);
  if (problem) throw new ApiError("VALIDATION_ERROR", problem, [{ field, message: problem }]);
}
