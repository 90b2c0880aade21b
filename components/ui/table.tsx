import type { ComponentProps, ReactNode } from "react";

/**
 * The one table of the dashboard: a white card that scrolls sideways only as a last resort, a
 * caption for screen readers, quiet headers and divided rows. Cells take their own widths.
 */
export function Table({
  caption,
  children,
  className = "",
  tableClassName = "",
  inset = false,
}: {
  /** Names the table for assistive technology (and for `getByRole("table", { name })`). */
  caption: string;
  children: ReactNode;
  className?: string;
  tableClassName?: string;
  /** Inside another card: a lighter frame, no shadow. */
  inset?: boolean;
}) {
  return (
    <div
      className={`overflow-x-auto bg-white ring-1 ring-slate-200 ${
        inset ? "rounded-lg" : "rounded-xl shadow-sm"
      } ${className}`}
    >
      <table className={`w-full text-sm ${tableClassName}`}>
        <caption className="sr-only">{caption}</caption>
        {children}
      </table>
    </div>
  );
}

export function TableHead({ children }: { children: ReactNode }) {
  return (
    <thead>
      <tr className="border-b border-slate-200 bg-slate-50/80 text-left text-xs font-medium text-slate-500">
        {children}
      </tr>
    </thead>
  );
}

/** A column header; the first and last get the card's wider inner padding. */
export function Th({ className = "", children, ...props }: ComponentProps<"th">) {
  return (
    <th
      scope="col"
      className={`px-3 py-2.5 font-medium first:pl-5 last:pr-5 ${className}`}
      {...props}
    >
      {children}
    </th>
  );
}

export function TableBody({ children }: { children: ReactNode }) {
  return <tbody className="divide-y divide-slate-100">{children}</tbody>;
}

export function Tr({ className = "", children, ...props }: ComponentProps<"tr">) {
  return (
    <tr className={`align-top transition-colors hover:bg-slate-50/60 ${className}`} {...props}>
      {children}
    </tr>
  );
}

export function Td({ className = "", children, ...props }: ComponentProps<"td">) {
  return (
    <td className={`px-3 py-3 first:pl-5 last:pr-5 ${className}`} {...props}>
      {children}
    </td>
  );
}
