import { PublicOrigin } from "@/components/public-url";

/** For someone with no key yet: where keys are made, and the first call to make with one. */
export function FirstRequestGuide() {
  return (
    <section
      aria-labelledby="quickstart"
      className="rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200"
    >
      <h2 id="quickstart" className="text-base font-semibold text-slate-900">
        Make your first request
      </h2>
      <p className="mt-1 text-sm text-slate-500">
        Create an API key under Settings › API Keys, then call the API with it:
      </p>
      <pre
        // Focusable: it scrolls sideways on a phone, and keyboards must reach that too.
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region needs focus to scroll
        tabIndex={0}
        className="mt-4 overflow-x-auto rounded-lg bg-slate-900 p-4 font-mono text-sm text-slate-100"
      >
        {"curl -X GET "}
        <PublicOrigin />
        {`/api/v1/auth/me \\
  -H "Authorization: Bearer $VOLTASIS_API_KEY"`}
      </pre>
    </section>
  );
}
