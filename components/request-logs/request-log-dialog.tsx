"use client";

import type { ReactNode } from "react";
import { ApiRequestError } from "@/components/api/api-client";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Dialog } from "@/components/ui/dialog";
import { ExactTime, RelativeTime } from "@/components/ui/relative-time";
import { Skeleton } from "@/components/ui/skeleton";
import { formatLatency, type RequestLogEntry } from "./request-log-filters";
import { CredentialRef, StatusCodeBadge } from "./request-log-parts";
import { useRequestLog } from "./request-log-queries";

function Row({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="grid gap-1 py-2.5 sm:grid-cols-[8rem_minmax(0,1fr)] sm:gap-4">
      <dt className="text-xs font-medium text-slate-500 sm:pt-0.5">{term}</dt>
      <dd className="min-w-0 text-sm text-slate-900">{children}</dd>
    </div>
  );
}

const Mono = ({ children }: { children: ReactNode }) => (
  <code className="font-mono text-xs break-all">{children}</code>
);

/** A hint as the API writes it, its `code` spans set as code. */
function HintText({ text }: { text: string }) {
  return (
    <>
      {text.split("`").map((part, i) =>
        i % 2 === 1 ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one fixed string
          <code key={i} className="rounded bg-amber-100 px-1 font-mono text-xs">
            {part}
          </code>
        ) : (
          part
        ),
      )}
    </>
  );
}

/** A refusal or failure: what to do first, then the code and reason the caller received. */
function Refusal({ entry }: { entry: RequestLogEntry }) {
  return (
    <section
      aria-labelledby={`todo-${entry.request_id}`}
      className="space-y-2 rounded-lg bg-amber-50 p-4 ring-1 ring-amber-200"
    >
      <h3 id={`todo-${entry.request_id}`} className="text-sm font-semibold text-amber-950">
        What to do
      </h3>
      <p className="text-sm text-amber-950">
        {entry.hint ? (
          <HintText text={entry.hint} />
        ) : (
          "No advice is recorded for this answer: quote its request id to support."
        )}
      </p>
      <dl className="flex flex-wrap gap-x-6 gap-y-1 text-xs text-amber-900">
        <div className="flex gap-1.5">
          <dt className="font-medium">Error code</dt>
          <dd>
            <Mono>{entry.error_code ?? "—"}</Mono>
          </dd>
        </div>
        <div className="flex gap-1.5">
          <dt className="font-medium">Reason</dt>
          <dd>
            <Mono>{entry.reason ?? "—"}</Mono>
          </dd>
        </div>
      </dl>
    </section>
  );
}

function RequestDetails({ entry }: { entry: RequestLogEntry }) {
  return (
    <div className="space-y-5">
      {entry.status >= 400 ? <Refusal entry={entry} /> : null}
      <dl className="divide-y divide-slate-100">
        <Row term="Status">
          <StatusCodeBadge status={entry.status} />
        </Row>
        <Row term="Request">
          <span className="font-mono text-xs font-semibold">{entry.method}</span>{" "}
          <Mono>{entry.path}</Mono>
        </Row>
        <Row term="Route">
          <Mono>{entry.route}</Mono>
        </Row>
        <Row term="When">
          <ExactTime date={entry.created_at} />{" "}
          <span className="text-slate-500">
            (<RelativeTime date={entry.created_at} tense="past" />)
          </span>
        </Row>
        <Row term="Latency">{formatLatency(entry.latency_ms)}</Row>
        <Row term="Credential">
          <CredentialRef credential={entry.credential} showType />
        </Row>
        <Row term="User">
          <Mono>{entry.user_id}</Mono>
        </Row>
        <Row term="IP address">
          <Mono>{entry.ip}</Mono>
        </Row>
        <Row term="User agent">
          {entry.user_agent ? (
            <Mono>{entry.user_agent}</Mono>
          ) : (
            <span className="text-slate-500">Not sent</span>
          )}
        </Row>
        <Row term="Request id">
          <span className="flex flex-wrap items-center gap-2">
            <Mono>{entry.request_id}</Mono>
            <CopyButton text={entry.request_id} label="Copy request id" />
          </span>
        </Row>
      </dl>
      <p className="text-xs text-slate-500">
        Bodies are never kept: only what is shown here is recorded.
      </p>
    </div>
  );
}

/**
 * One request in full: for a refusal, what to do about it first, with its error code and
 * reason; then what was asked, when, how fast, with which credential, from where. `listed` is
 * the request when the loaded pages hold it; otherwise it is fetched by id.
 */
export function RequestLogDialog({
  organizationId,
  requestId,
  listed,
  onClose,
}: {
  organizationId: string;
  requestId: string;
  listed: RequestLogEntry | undefined;
  onClose: () => void;
}) {
  const entry = useRequestLog(organizationId, requestId, listed);
  const data = entry.data;
  return (
    <Dialog
      title={data ? `${data.method} ${data.route}` : "Request"}
      description={
        data
          ? `Answered ${data.status}${data.error_code ? ` ${data.error_code}` : ""}.`
          : entry.isError
            ? undefined
            : "A request of the log, as recorded."
      }
      onClose={onClose}
      size="lg"
      footer={<Button onClick={onClose}>Close</Button>}
    >
      {data ? (
        <RequestDetails entry={data} />
      ) : entry.isError ? (
        <p role="alert" className="text-sm text-slate-700">
          {entry.error instanceof ApiRequestError && [403, 404].includes(entry.error.status) ? (
            <>
              No request <Mono>{requestId}</Mono> in this organization’s log: check the id (it is
              the X-Request-Id of the answer), the organization you are in, and that it is not older
              than the log keeps. Members see only their own credentials’ requests.
            </>
          ) : (
            `The request could not be loaded: ${entry.error.message}`
          )}
        </p>
      ) : (
        <div role="status" aria-label="Loading the request" className="space-y-3">
          <Skeleton className="h-4 w-2/3" />
          <Skeleton className="h-4 w-1/2" />
          <Skeleton className="h-24 w-full" />
        </div>
      )}
    </Dialog>
  );
}
