"use client";

import { usePublicOrigin } from "@/components/public-url";
import { CopyButton } from "@/components/ui/copy-button";

/** A curl example on the configured public URL, with a button that copies it whole. */
export function CurlSnippet({ method, afterOrigin }: { method: string; afterOrigin: string }) {
  const command = `curl -X ${method} ${usePublicOrigin()}${afterOrigin}`;
  return (
    <div className="relative mt-4">
      <pre
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region needs focus to scroll by keyboard
        tabIndex={0}
        className="overflow-x-auto rounded-lg bg-slate-900 p-4 pr-20 font-mono text-xs text-slate-100"
      >
        {command}
      </pre>
      <CopyButton
        text={command}
        label="Copy curl command"
        tone="dark"
        className="absolute top-2 right-2"
      />
    </div>
  );
}
