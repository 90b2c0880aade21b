import { defineOperation } from "@/server/core/operation";
import {
  passwordResetAcceptedSchema,
  passwordResetConfirmSchema,
  passwordResetDoneSchema,
  passwordResetRequestSchema,
  verifyEmailConfirmSchema,
  verifyEmailDoneSchema,
  verifyEmailSentSchema,
} from "./account-schemas";

export const requestPasswordResetOperation = defineOperation({
  method: "POST",
  path: "/auth/password-reset",
  summary: "Request a password reset link",
  description:
    "Mails the account with this address a single-use link (`<PUBLIC_URL>/reset-password?token=…`, 30 minutes). Always 202 with the same body, whether or not the address has an account; unknown addresses get no mail. At most 5 requests an hour per address (429 after), besides the per-IP budget.",
  scope: "public",
  body: passwordResetRequestSchema,
  example: { email: "owner@acme.test" },
  response: {
    status: 202,
    schema: passwordResetAcceptedSchema,
    description: "Accepted: a link is on its way if the address has an account",
  },
  errors: [],
});

export const confirmPasswordResetOperation = defineOperation({
  method: "POST",
  path: "/auth/password-reset/confirm",
  summary: "Set a new password with a reset link",
  description:
    "The token from the mailed link and a new password (12+ characters, not common). Ends every browser session and user token of the account; API keys keep working. The link is spent, and the address counts as verified. If the address had never been verified, the account's memberships, API keys and pending invitations from before are removed too (whoever set the old password may not have owned the address). A used, expired or mistyped token is a 400 naming `token`.",
  scope: "public",
  body: passwordResetConfirmSchema,
  example: { token: "vlt_pr_…", password: "correct horse battery staple" },
  response: { status: 200, schema: passwordResetDoneSchema, description: "Password set" },
  errors: [],
});

export const requestEmailVerificationOperation = defineOperation({
  method: "POST",
  path: "/auth/verify-email",
  summary: "Mail a link that verifies your address",
  description:
    "Mails the caller's account a link (`<PUBLIC_URL>/verify-email?token=…`, 24 hours, single use) that verifies its address together with its password. Nothing is sent when the address is verified already. At most 5 mails an hour per account.",
  scope: "authenticated",
  response: {
    status: 202,
    schema: verifyEmailSentSchema,
    description: "Accepted: the link is on its way (or the address is verified already)",
  },
  errors: [],
});

export const confirmEmailVerificationOperation = defineOperation({
  method: "POST",
  path: "/auth/verify-email/confirm",
  summary: "Verify your address with the mailed link",
  description:
    "The token from the mailed link and the account's password: only who holds both the mailbox and the account can verify it. A wrong password is a 400 naming `password` and counts against the account's sign-in budget; a used, expired or mistyped token is a 400 naming `token`.",
  scope: "public",
  body: verifyEmailConfirmSchema,
  example: { token: "vlt_ev_…", password: "correct horse battery staple" },
  response: { status: 200, schema: verifyEmailDoneSchema, description: "Address verified" },
  errors: [],
});

export const ACCOUNT_OPERATIONS = [
  requestPasswordResetOperation,
  confirmPasswordResetOperation,
  requestEmailVerificationOperation,
  confirmEmailVerificationOperation,
];
