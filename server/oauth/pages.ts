import type { KoaContextWithOIDC } from "oidc-provider";

/** Where the provider sends a person to sign in and consent: a dashboard page. */
export function consentPath(uid: string): string {
  return `/oauth/consent/${encodeURIComponent(uid)}`;
}

const escapeHtml = (value: unknown) =>
  String(value ?? "").replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c,
  );

const STYLE =
  "body{font-family:system-ui,sans-serif;background:#f8fafc;color:#0f172a;margin:0;padding:48px 16px}" +
  "main{max-width:420px;margin:0 auto;background:#fff;border:1px solid #e2e8f0;border-radius:12px;padding:24px}" +
  "h1{font-size:1.25rem;margin:0 0 12px}p{line-height:1.5}.error{color:#b91c1c}" +
  "input[type=text]{width:100%;box-sizing:border-box;font-size:1.25rem;letter-spacing:.15em;text-transform:uppercase;text-align:center;padding:8px;border:1px solid #cbd5e1;border-radius:8px;margin:8px 0 16px}" +
  "button{background:#0f172a;color:#fff;border:0;border-radius:8px;padding:10px 16px;font-size:1rem;cursor:pointer}" +
  "button.secondary{background:#fff;color:#0f172a;border:1px solid #cbd5e1;margin-left:8px}code{font-size:1.4rem}";

function page(ctx: KoaContextWithOIDC, title: string, body: string): void {
  ctx.type = "html";
  // Never framed (clickjacking of the Continue button), never cached.
  ctx.set("Content-Security-Policy", "frame-ancestors 'none'");
  ctx.set("X-Frame-Options", "DENY");
  ctx.set("Cache-Control", "no-store");
  ctx.body = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)} · Voltasis</title><style>${STYLE}</style></head><body><main>${body}</main></body></html>`;
}

/**
 * Errors the provider cannot send back to the app: an unknown client or a redirect URI it does
 * not own are answered here, never with a redirect (which would make us an open redirector).
 */
export function renderOAuthError(
  ctx: KoaContextWithOIDC,
  out: { error: string; error_description?: string },
): void {
  page(
    ctx,
    "Authorization error",
    `<h1>This authorization request cannot continue</h1><p class="error"><strong>${escapeHtml(out.error)}</strong>${out.error_description ? `: ${escapeHtml(out.error_description)}` : ""}</p><p>Return to the app you came from and try again, or contact its developer.</p>`,
  );
}

/** The device flow's pages (RFC 8628): where a person types the code their device shows. */
export const devicePageSource = {
  async input(
    ctx: KoaContextWithOIDC,
    form: string,
    _out?: unknown,
    err?: { userCode?: string; name?: string },
  ) {
    const message = err
      ? err.userCode || err.name === "NoCodeError"
        ? '<p class="error" role="alert">That code is not valid or has expired. Try again.</p>'
        : '<p class="error" role="alert">The request was interrupted. Start again on your device.</p>'
      : "<p>Enter the code shown on your device.</p>";
    page(
      ctx,
      "Connect a device",
      `<h1>Connect a device</h1>${message}${form.replace("<input ", '<input aria-label="Device code" ')}<button type="submit" form="op.deviceInputForm">Continue</button>`,
    );
  },
  async confirm(
    ctx: KoaContextWithOIDC,
    form: string,
    client: { clientName?: string; clientId: string },
    _deviceInfo: unknown,
    userCode: string,
  ) {
    page(
      ctx,
      "Confirm the device",
      `<h1>Confirm the device</h1><p><strong>${escapeHtml(client.clientName ?? client.clientId)}</strong> asks to connect. Check that your device shows this code:</p><p><code>${escapeHtml(userCode)}</code></p>${form}<button type="submit" form="op.deviceConfirmForm">Continue</button><button class="secondary" type="submit" form="op.deviceConfirmForm" value="yes" name="abort">Cancel</button>`,
    );
  },
  async success(ctx: KoaContextWithOIDC) {
    page(
      ctx,
      "Device connected",
      "<h1>Device connected</h1><p>You can close this window and return to your device.</p>",
    );
  },
};
