import { auth } from "@/server/auth/config";
import { ApiError } from "@/server/core/api-error";
import { clientIp } from "@/server/core/client-ip";
import { readLimitedText } from "@/server/http/read-body";
import { decideConsent } from "@/server/oauth/consent";
import { continuePage, oauthMessagePage } from "@/server/oauth/consent-pages";

// POST /oauth/consent/:uid/decision: the consent form's Authorize or Cancel.
export async function POST(request: Request, { params }: { params: Promise<{ uid: string }> }) {
  const { uid } = await params;
  try {
    // Three short fields: anything past a few KiB is not this form.
    const form = Object.fromEntries(new URLSearchParams(await readLimitedText(request, 8 * 1024)));
    const next = await decideConsent({
      uid,
      cookieHeader: request.headers.get("cookie"),
      origin: request.headers.get("origin"),
      userId: (await auth())?.userId ?? null,
      ip: clientIp(request.headers),
      form,
    });
    // Not a redirect: the CSP's form-action 'self' would stop the browser at the app's
    // redirect URI, a redirect that follows a form post.
    return continuePage(next);
  } catch (error) {
    const message =
      error instanceof ApiError ? error.message : "Something went wrong. Start again from the app.";
    const status = error instanceof ApiError ? error.status : 500;
    return oauthMessagePage("This authorization cannot continue", message, status);
  }
}
