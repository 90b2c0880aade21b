import { z } from "zod";

// Request and response shapes of the password-reset and verification endpoints. The pages
// (/forgot-password, /reset-password, /verify-email) validate with the same schemas, so this
// module holds zod only: nothing here may pull server code into a browser bundle.

export const PASSWORD_RESET_TTL_MINUTES = 30;
export const VERIFY_EMAIL_TTL_HOURS = 24;
/** The policy's own bounds (password-policy.ts): sizes are refused before any hashing. */
export const NEW_PASSWORD_MAX_LENGTH = 256;

/** Links are `vlt_pr_…` / `vlt_ev_…` (about 53 characters); anything longer is refused unread. */
const linkTokenSchema = z
  .string({ error: "token is required" })
  .min(1, "token is required")
  .max(200, "token is not a link token");

const newPasswordSchema = z
  .string({ error: "password is required" })
  .min(1, "password is required")
  .max(
    NEW_PASSWORD_MAX_LENGTH,
    `Use at most ${NEW_PASSWORD_MAX_LENGTH} characters for the password`,
  );

export const passwordResetRequestSchema = z
  .object({
    email: z
      .string({ error: "email is required" })
      .trim()
      .min(1, "email is required")
      .max(320, "email is too long")
      .pipe(z.email("Enter a valid email address")),
  })
  .meta({ id: "PasswordResetRequest" });

export const PASSWORD_RESET_ACCEPTED_MESSAGE =
  "If an account uses this address, a link to choose a new password is on its way. It works once, for 30 minutes.";

export const passwordResetAcceptedSchema = z
  .object({
    status: z.literal("accepted"),
    message: z.literal(PASSWORD_RESET_ACCEPTED_MESSAGE),
  })
  .meta({ id: "PasswordResetAccepted" });

export const passwordResetConfirmSchema = z
  .object({ token: linkTokenSchema, password: newPasswordSchema })
  .meta({ id: "PasswordResetConfirm" });

export const passwordResetDoneSchema = z
  .object({
    email: z.string(),
    email_verified: z.literal(true),
    sessions_ended: z.literal(true).meta({
      description: "Every browser session and user token of the account was ended",
    }),
    memberships_removed: z.number().int().meta({
      description:
        "Organizations the account had joined before its address was proven (0 when it was verified already)",
    }),
    api_keys_revoked: z.number().int().meta({
      description: "API keys revoked with them; keys of a verified account keep working (0)",
    }),
  })
  .meta({ id: "PasswordResetDone" });

export const verifyEmailSentSchema = z
  .object({
    email: z.string(),
    email_verified: z.boolean(),
    sent: z.boolean().meta({ description: "False when the address is verified already" }),
  })
  .meta({ id: "VerifyEmailSent" });

export const verifyEmailConfirmSchema = z
  .object({
    token: linkTokenSchema,
    password: z
      .string({ error: "password is required" })
      .min(1, "password is required")
      .max(1024, "password must be at most 1024 characters"),
  })
  .meta({ id: "VerifyEmailConfirm" });

export const verifyEmailDoneSchema = z
  .object({ email: z.string(), email_verified: z.literal(true) })
  .meta({ id: "VerifyEmailDone" });

export type PasswordResetRequestInput = z.infer<typeof passwordResetRequestSchema>;
export type PasswordResetConfirmInput = z.infer<typeof passwordResetConfirmSchema>;
export type PasswordResetDone = z.infer<typeof passwordResetDoneSchema>;
export type VerifyEmailConfirmInput = z.infer<typeof verifyEmailConfirmSchema>;
export type VerifyEmailSent = z.infer<typeof verifyEmailSentSchema>;
