"use client";

import { useEffect, useState } from "react";

/**
 * A small button that copies `text` and says "Copied" for a moment. `label` is its accessible
 * name ("Copy organization ID"); the visible text is "Copy" or "Copied".
 */
export function CopyButton({
  text,
  label,
  className = "",
  tone = "light",
}: {
  text: string;
  label: string;
  className?: string;
  tone?: "light" | "dark";
}) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");

  useEffect(() => {
    if (state === "idle") return;
    const timer = setTimeout(() => setState("idle"), 2500);
    return () => clearTimeout(timer);
  }, [state]);

  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setState("copied");
    } catch {
      setState("failed");
    }
  }

  const colours =
    tone === "dark"
      ? "bg-slate-800 text-slate-100 ring-slate-600 hover:bg-slate-700"
      : "bg-white text-slate-700 ring-slate-300 hover:bg-slate-50";
  return (
    <button
      type="button"
      aria-label={label}
      onClick={() => void copy()}
      className={`inline-flex items-center gap-1 rounded-md px-2 py-1 text-xs font-medium ring-1 ring-inset focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600 ${colours} ${className}`}
    >
      <span aria-live="polite">
        {state === "copied" ? "Copied" : state === "failed" ? "Copy failed" : "Copy"}
      </span>
    </button>
  );
}
