import type { Metadata } from "next";
import { CurlSnippet } from "@/components/api-reference/curl-snippet";
import { exampleResponse } from "@/components/api-reference/example-response";
import { InlineCode } from "@/components/api-reference/inline-code";
import { CopyButton } from "@/components/ui/copy-button";
import { DEFAULT_MESSAGES, ERROR_STATUS, type ErrorCode } from "@/server/core/api-error";
import type { AnyOperation as Operation } from "@/server/core/operation";
import { requireDashboardSession } from "@/server/http/dashboard-session";
import { OPERATIONS } from "@/server/http/operations";
import { errorStatuses, inlineJsonSchema } from "@/server/openapi/document";

export const metadata: Metadata = { title: "API reference" };

const METHOD_STYLE: Record<Operation["method"], string> = {
  GET: "bg-sky-50 text-sky-700 ring-sky-200",
  POST: "bg-emerald-50 text-emerald-700 ring-emerald-200",
  PATCH: "bg-amber-50 text-amber-700 ring-amber-200",
  DELETE: "bg-red-50 text-red-700 ring-red-200",
};

interface Field {
  name: string;
  type: string;
  required: boolean;
  description: string;
}

function bodyFields(op: Operation): Field[] {
  if (!op.body) return [];
  const schema = inlineJsonSchema(op.body, "input") as {
    properties?: Record<
      string,
      {
        type?: string;
        description?: string;
        enum?: string[];
        items?: { enum?: string[] };
        anyOf?: { type?: string }[];
        maxLength?: number;
        default?: unknown;
      }
    >;
    required?: string[];
  };
  return Object.entries(schema.properties ?? {}).map(([name, p]) => {
    const type = p.type ?? p.anyOf?.map((a) => a.type).join(" | ") ?? "value";
    const notes = [
      p.description,
      p.items?.enum ? `one or more of the scopes below` : undefined,
      p.maxLength ? `at most ${p.maxLength} characters` : undefined,
      p.default !== undefined ? `default ${JSON.stringify(p.default)}` : undefined,
    ].filter(Boolean);
    return {
      name,
      type: p.items ? `${p.items.enum ? "string" : "value"}[]` : type,
      required: schema.required?.includes(name) ?? false,
      description: notes.join("; "),
    };
  });
}

/** The curl example after its origin, which <CurlSnippet> fills in: `/api/v1/… \\ -H …`. */
function curlAfterOrigin(op: Operation): string {
  const path = op.path.replace("{id}", op.path.startsWith("/users") ? "usr_…" : "key_…");
  const lines = [`/api/v1${path}`];
  if (op.scope !== "public") lines.push(`  -H "Authorization: Bearer $VOLTASIS_API_KEY"`);
  if (op.body) {
    lines.push(`  -H "Content-Type: application/json"`);
    const example = Object.fromEntries(
      bodyFields(op)
        .filter((f) => f.required)
        .map((f) => [
          f.name,
          f.type.endsWith("[]") ? ["read:users"] : f.type === "integer" ? 0 : "…",
        ]),
    );
    lines.push(`  -d '${JSON.stringify(example)}'`);
  }
  return lines.join(" \\\n");
}

/** What a successful call answers, with a copy button. */
function ExampleResponse({ op }: { op: Operation }) {
  const body = exampleResponse(op);
  return (
    <div className="mt-4">
      <div className="flex items-center justify-between gap-2">
        <p className="text-xs font-medium uppercase tracking-wide text-slate-500">
          Example response · {op.response.status}
        </p>
        <CopyButton text={body} label="Copy example response" />
      </div>
      <pre
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region needs focus to scroll by keyboard
        tabIndex={0}
        data-testid="example-response"
        className="mt-2 max-h-80 overflow-auto rounded-lg bg-slate-50 p-4 font-mono text-xs text-slate-800 ring-1 ring-slate-200"
      >
        {body}
      </pre>
    </div>
  );
}

export default async function ApiReferencePage() {
  await requireDashboardSession();
  return (
    <div className="space-y-8">
      <header className="space-y-2">
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">API reference</h1>
        <p className="max-w-3xl text-sm text-slate-600">
          Every request carries{" "}
          <code className="font-mono">Authorization: Bearer &lt;token&gt;</code>: an API key (
          <code className="font-mono">vlt_live_…</code> /{" "}
          <code className="font-mono">vlt_test_…</code>) or a user access token (
          <code className="font-mono">vlt_at_…</code>). Responses are JSON:{" "}
          <code className="font-mono">{`{"data": …}`}</code> on success,{" "}
          <code className="font-mono">{`{"error": {"code", "message"}}`}</code> otherwise. The
          machine-readable document is at{" "}
          <a className="font-medium text-brand-600 hover:underline" href="/api/v1/openapi.json">
            /api/v1/openapi.json
          </a>{" "}
          (OpenAPI 3.1).
        </p>
      </header>

      <nav
        aria-label="Endpoints"
        className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200"
      >
        <ul className="grid grid-cols-1 gap-1 sm:grid-cols-2">
          {OPERATIONS.map((op) => (
            <li key={`${op.method} ${op.path}`}>
              <a
                href={`#${op.method.toLowerCase()}-${op.path}`}
                className="flex min-w-0 items-center gap-2 rounded px-2 py-1 text-sm hover:bg-slate-50"
              >
                <span
                  className={`w-14 rounded px-1.5 py-0.5 text-center font-mono text-xs font-semibold uppercase ring-1 ${METHOD_STYLE[op.method]}`}
                >
                  {op.method}
                </span>
                <span className="min-w-0 font-mono text-slate-700 [overflow-wrap:anywhere]">
                  {op.path}
                </span>
              </a>
            </li>
          ))}
        </ul>
      </nav>

      {OPERATIONS.map((op) => {
        const fields = bodyFields(op);
        return (
          <section
            key={`${op.method} ${op.path}`}
            id={`${op.method.toLowerCase()}-${op.path}`}
            aria-label={`${op.method} ${op.path}`}
            className="scroll-mt-20 rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200"
          >
            <div className="flex flex-wrap items-center gap-3">
              <span
                className={`rounded px-2 py-0.5 font-mono text-xs font-semibold uppercase ring-1 ${METHOD_STYLE[op.method]}`}
              >
                {op.method}
              </span>
              <h2 className="min-w-0 font-mono text-base font-semibold text-slate-900 [overflow-wrap:anywhere]">
                /api/v1{op.path}
              </h2>
              <span className="ml-auto rounded-full bg-slate-100 px-2.5 py-0.5 text-xs text-slate-600">
                {op.scope === "public"
                  ? "No authentication"
                  : op.scope !== "authenticated"
                    ? `Scope: ${op.scope}`
                    : "Any valid token"}
              </span>
            </div>
            <p className="mt-3 text-sm font-medium text-slate-900">
              <InlineCode text={op.summary} />
            </p>
            {op.description ? (
              <p className="mt-1 text-sm text-slate-600">
                <InlineCode text={op.description} />
              </p>
            ) : null}
            {fields.length > 0 ? (
              // A labelled, focusable region: on a phone it scrolls sideways, by keyboard too.
              // biome-ignore lint/a11y/useSemanticElements: a scrolling box around a table, not a form group
              <div
                role="group"
                aria-label={`Request body of ${op.method} ${op.path}`}
                // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region needs focus to scroll by keyboard
                tabIndex={0}
                className="mt-4 overflow-x-auto rounded focus-visible:outline-2 focus-visible:outline-brand-600"
              >
                <table className="min-w-full text-sm">
                  <caption className="pb-2 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
                    Request body
                  </caption>
                  <tbody className="divide-y divide-slate-100">
                    {fields.map((f) => (
                      <tr key={f.name}>
                        <td className="py-2 pr-4 font-mono text-slate-900">{f.name}</td>
                        <td className="py-2 pr-4 font-mono text-xs text-slate-500">{f.type}</td>
                        <td className="py-2 pr-4 text-xs text-slate-500">
                          {f.required ? "required" : "optional"}
                        </td>
                        <td className="min-w-48 py-2 text-slate-600">
                          <InlineCode text={f.description} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ) : null}
            <CurlSnippet method={op.method.toUpperCase()} afterOrigin={curlAfterOrigin(op)} />
            <ExampleResponse op={op} />
            <p className="mt-3 text-xs text-slate-500">
              {op.response.status} <InlineCode text={op.response.description} />. Errors:{" "}
              {errorStatuses(op).join(", ")}.
            </p>
          </section>
        );
      })}

      <section
        aria-labelledby="errors-heading"
        className="rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200"
      >
        <h2 id="errors-heading" className="text-base font-semibold text-slate-900">
          Errors
        </h2>
        {/* On a phone the table scrolls sideways inside its card instead of clipping. */}
        {/* biome-ignore lint/a11y/useSemanticElements: a scrolling box around a table, not a form group */}
        <div
          role="group"
          aria-label="Error codes"
          // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region needs focus to scroll by keyboard
          tabIndex={0}
          className="mt-4 overflow-x-auto rounded focus-visible:outline-2 focus-visible:outline-brand-600"
        >
          <table className="min-w-full text-sm">
            <caption className="sr-only">Error codes</caption>
            <thead className="sr-only">
              <tr>
                <th scope="col">Status</th>
                <th scope="col">Code</th>
                <th scope="col">Message</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {(Object.keys(ERROR_STATUS) as ErrorCode[]).map((code) => (
                <tr key={code}>
                  <td className="py-2 pr-4 font-mono text-slate-500">{ERROR_STATUS[code]}</td>
                  <td className="py-2 pr-4 font-mono text-slate-900">{code}</td>
                  <td className="min-w-48 py-2 text-slate-600">
                    <InlineCode text={DEFAULT_MESSAGES[code]} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}
