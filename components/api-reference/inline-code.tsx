import { Fragment } from "react";

/** Text from an operation's description, with `backticked` spans shown as code. */
export function InlineCode({ text }: { text: string }) {
  const parts = text.split("`");
  // An odd count of backticks leaves the last one unmatched: show the text as it is.
  if (parts.length % 2 === 0) return <>{text}</>;
  // Each part keyed by where it starts in the text: stable, and unique.
  let offset = 0;
  const spans = parts.map((part, index) => {
    const span = { key: offset, part, code: index % 2 === 1 };
    offset += part.length + 1;
    return span;
  });
  return (
    <>
      {spans.map(({ key, part, code }) =>
        code ? (
          <code
            key={key}
            className="rounded bg-slate-100 px-1 py-0.5 font-mono text-[0.85em] text-slate-800"
          >
            {part}
          </code>
        ) : (
          <Fragment key={key}>{part}</Fragment>
        ),
      )}
    </>
  );
}
