export function Logo({ className = "" }: { className?: string }) {
  return (
    <span className={`inline-flex items-center gap-2 font-semibold tracking-tight ${className}`}>
      <svg viewBox="0 0 24 24" aria-hidden="true" className="size-7">
        <rect width="24" height="24" rx="6" className="fill-brand-600" />
        <path d="M13.5 4 7 13.5h4.5L10 20l7-10h-4.6L13.5 4Z" className="fill-white" />
      </svg>
      Voltasis
    </span>
  );
}
