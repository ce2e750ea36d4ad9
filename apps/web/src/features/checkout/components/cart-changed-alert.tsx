import { useEffect, useRef } from 'react';

/** What changed in the cart since the shopper last saw it; focused when it appears so nobody pays without seeing it. */
export function CartChangedAlert({ title, changes }: { title: string; changes: readonly string[] }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), [changes]);
  return (
    <div
      ref={ref}
      role="alert"
      tabIndex={-1}
      className="flex flex-col gap-2 rounded-md border border-amber-300 bg-amber-50 p-4 text-sm text-amber-950"
    >
      <p className="font-semibold">{title}</p>
      <ul className="list-disc pl-5">
        {changes.map((change) => (
          <li key={change}>{change}</li>
        ))}
      </ul>
      <p>Nothing was charged. Check the summary, then pay again.</p>
    </div>
  );
}
