"use client";

import { useId } from "react";
import { inputClass } from "@/components/ui/field";

interface DateRangeFieldsProps {
  /** Calendar days (YYYY-MM-DD), "" for none. */
  from: string;
  to: string;
  onChange: (change: { from: string } | { to: string }) => void;
  /** The range ends before it starts: "To" is marked invalid. */
  invalid: boolean;
}

/** A list's "From" and "To" day filters, each bounded by the other. */
export function DateRangeFields({ from, to, onChange, invalid }: DateRangeFieldsProps) {
  const ids = { from: useId(), to: useId() };
  return (
    <>
      <div className="min-w-0 space-y-1">
        <label htmlFor={ids.from} className="block text-xs font-medium text-slate-600">
          From
        </label>
        <input
          id={ids.from}
          type="date"
          value={from}
          max={to || undefined}
          onChange={(e) => onChange({ from: e.target.value })}
          className={inputClass}
        />
      </div>
      <div className="min-w-0 space-y-1">
        <label htmlFor={ids.to} className="block text-xs font-medium text-slate-600">
          To
        </label>
        <input
          id={ids.to}
          type="date"
          value={to}
          min={from || undefined}
          onChange={(e) => onChange({ to: e.target.value })}
          aria-invalid={invalid || undefined}
          className={inputClass}
        />
      </div>
    </>
  );
}
