"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { ApiRequestError, api, dataOf } from "@/components/api/api-client";
import { Button } from "@/components/ui/button";
import { inputClass, TextField } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";

const STAGES = ["investigating", "identified", "monitoring", "resolved"] as const;
type Stage = (typeof STAGES)[number];
const NEW = "new";

/**
 * A platform admin opens an incident or posts an update to an open one, through the same API a
 * program would use (POST /status/incidents, PATCH /status/incidents/{id}) with the session.
 */
export function IncidentForm({ open }: { open: { id: string; title: string }[] }) {
  const router = useRouter();
  const [target, setTarget] = useState(NEW);
  const [title, setTitle] = useState("");
  const [stage, setStage] = useState<Stage>("investigating");
  const [message, setMessage] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      if (target === NEW) {
        await dataOf(api.POST("/status/incidents", { body: { title, status: stage, message } }));
      } else {
        await dataOf(
          api.PATCH("/status/incidents/{id}", {
            params: { path: { id: target } },
            body: { status: stage, message },
          }),
        );
      }
      setTitle("");
      setMessage("");
      setTarget(NEW);
      router.refresh();
    } catch (caught) {
      setError(caught instanceof ApiRequestError ? caught.message : "The update was not posted");
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      onSubmit={submit}
      className="mt-3 space-y-4 rounded-lg bg-white p-4 ring-1 ring-slate-200"
    >
      <FormAlert message={error} />
      <div className="space-y-1.5">
        <label htmlFor="incident-target" className="block text-sm font-medium text-slate-800">
          Incident
        </label>
        <select
          id="incident-target"
          className={inputClass}
          value={target}
          onChange={(e) => setTarget(e.target.value)}
        >
          <option value={NEW}>New incident</option>
          {open.map((incident) => (
            <option key={incident.id} value={incident.id}>
              {incident.title}
            </option>
          ))}
        </select>
      </div>
      {target === NEW ? (
        <TextField
          id="incident-title"
          label="Title"
          required
          maxLength={200}
          value={title}
          onChange={(e) => setTitle(e.target.value)}
        />
      ) : null}
      <div className="space-y-1.5">
        <label htmlFor="incident-status" className="block text-sm font-medium text-slate-800">
          Status
        </label>
        <select
          id="incident-status"
          className={inputClass}
          value={stage}
          onChange={(e) => setStage(e.target.value as Stage)}
        >
          {STAGES.map((s) => (
            <option key={s} value={s}>
              {s[0]?.toUpperCase()}
              {s.slice(1)}
            </option>
          ))}
        </select>
      </div>
      <div className="space-y-1.5">
        <label htmlFor="incident-message" className="block text-sm font-medium text-slate-800">
          Message
        </label>
        <textarea
          id="incident-message"
          className={inputClass}
          required
          rows={3}
          maxLength={5000}
          value={message}
          onChange={(e) => setMessage(e.target.value)}
        />
      </div>
      <Button type="submit" disabled={busy}>
        {target === NEW ? "Post incident" : "Post update"}
      </Button>
    </form>
  );
}
