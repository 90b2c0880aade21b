// Minimal answers of the consent form's POST: plain HTML, never cached or framed.

const escapeHtml = (value: string) =>
  value.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c,
  );

const HEADERS = {
  "Content-Type": "text/html; charset=utf-8",
  "Cache-Control": "no-store",
  "X-Frame-Options": "DENY",
  "Content-Security-Policy": "frame-ancestors 'none'",
};

function html(title: string, body: string, head = ""): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">${head}<title>${escapeHtml(title)} · Voltasis</title></head><body style="font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;color:#0f172a"><h1 style="font-size:1.25rem">${escapeHtml(title)}</h1>${body}</body></html>`;
}

/** Sends the browser on to the authorization server's resume address (or the app). */
export function continuePage(target: string): Response {
  const safe = escapeHtml(target);
  return new Response(
    html(
      "Continuing…",
      `<p><a href="${safe}">Continue</a></p>`,
      `<meta http-equiv="refresh" content="0;url=${safe}">`,
    ),
    { status: 200, headers: HEADERS },
  );
}

export function oauthMessagePage(title: string, message: string, status: number): Response {
  return new Response(html(title, `<p role="alert">${escapeHtml(message)}</p>`), {
    status,
    headers: HEADERS,
  });
}
