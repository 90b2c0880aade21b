import type { ReactNode } from "react";
import { Button } from "./button";

/** A list header's one primary action (create, add, register), with its plus sign. */
export function AddButton({ onClick, children }: { onClick: () => void; children: ReactNode }) {
  return (
    <Button className="shrink-0 self-start" onClick={onClick}>
      <svg aria-hidden="true" viewBox="0 0 20 20" className="size-4">
        <path
          fill="currentColor"
          d="M10.75 4.75a.75.75 0 0 0-1.5 0v4.5h-4.5a.75.75 0 0 0 0 1.5h4.5v4.5a.75.75 0 0 0 1.5 0v-4.5h4.5a.75.75 0 0 0 0-1.5h-4.5v-4.5Z"
        />
      </svg>
      {children}
    </Button>
  );
}
