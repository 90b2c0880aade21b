import { CopyButton } from "@/components/ui/copy-button";

// Node, with the `standardwebhooks` library (npm i standardwebhooks): the raw body as received,
// before any JSON parsing, since the signature covers its exact bytes.
const NODE_SNIPPET = `import { Webhook } from "standardwebhooks";

const wh = new Webhook(process.env.VOLTASIS_WEBHOOK_SECRET);
// rawBody: the request body as a string, before JSON parsing.
// Throws when the signature or timestamp does not check out.
const event = wh.verify(rawBody, req.headers);`;

/** How a receiver checks a delivery, shown beside the secret it needs. */
export function VerifySignatureSnippet() {
  return (
    <section aria-labelledby="verify-snippet-heading" className="min-w-0 space-y-2">
      <div className="flex items-center justify-between gap-2">
        <h3 id="verify-snippet-heading" className="text-sm font-medium text-slate-800">
          Verify each delivery
        </h3>
        <CopyButton text={NODE_SNIPPET} label="Copy the verification example" />
      </div>
      <p className="text-xs text-slate-600">
        Deliveries are signed as the Standard Webhooks spec defines (<code>webhook-id</code>,{" "}
        <code>webhook-timestamp</code>, <code>webhook-signature</code>). Any{" "}
        <code>standardwebhooks</code> library checks them; in Node:
      </p>
      <pre
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region needs focus to scroll by keyboard
        tabIndex={0}
        className="max-w-full overflow-x-auto rounded-lg bg-slate-900 p-3 font-mono text-xs leading-relaxed text-slate-100"
      >
        <code>{NODE_SNIPPET}</code>
      </pre>
    </section>
  );
}
