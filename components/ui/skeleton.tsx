import type { CSSProperties } from "react";

/** A grey placeholder block that pulses while content loads; hidden from assistive technology. */
export function Skeleton({ className = "", style }: { className?: string; style?: CSSProperties }) {
  return (
    <span
      aria-hidden="true"
      className={`block animate-pulse rounded bg-slate-200/80 ${className}`}
      style={style}
    />
  );
}
