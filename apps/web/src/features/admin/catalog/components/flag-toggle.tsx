import { useToggleProductFlag, type TProductFlag } from '../api/toggle-product-flag.js';

const LABELS: Record<TProductFlag, string> = { active: 'Active', featured: 'Featured' };

/** A switch in the table for `active` or `featured`; flips at once and rolls back if the save fails. */
export function FlagToggle({
  id,
  name,
  flag,
  value,
}: {
  id: string;
  name: string;
  flag: TProductFlag;
  value: boolean;
}) {
  const toggle = useToggleProductFlag();
  return (
    <label className="inline-flex cursor-pointer items-center">
      <input
        type="checkbox"
        role="switch"
        checked={value}
        onChange={(event) => toggle.mutate({ id, name, flag, value: event.target.checked })}
        aria-label={`${LABELS[flag]}: ${name}`}
        className="peer sr-only"
      />
      <span
        aria-hidden="true"
        className="relative h-6 w-11 rounded-full bg-slate-400 transition-colors peer-checked:bg-brand-600 peer-focus-visible:outline-2 peer-focus-visible:outline-offset-2 peer-focus-visible:outline-brand-600 after:absolute after:top-0.5 after:left-0.5 after:size-5 after:rounded-full after:bg-white after:transition-transform peer-checked:after:translate-x-5"
      />
    </label>
  );
}
