import { useState, type FormEvent } from 'react';
import { Button } from '../../../../components/ui/button.js';
import { Input } from '../../../../components/ui/input.js';
import { RANGE_PRESETS, type DayRange, type SalesRangeState, type TRangePreset } from '../lib/sales-range.js';

const LABELS: Record<TRangePreset, string> = { '7d': 'Last 7 days', '30d': 'Last 30 days', '90d': 'Last 90 days' };

export interface RangePickerProps {
  state: SalesRangeState;
  days: DayRange;
  onChange: (next: SalesRangeState) => void;
}

/** Preset ranges as a toggle group, and a custom from/to (the admin's calendar days, like the figures). */
export function RangePicker({ state, days, onChange }: RangePickerProps) {
  const [from, setFrom] = useState(days.from);
  const [to, setTo] = useState(days.to);
  const [error, setError] = useState<string | undefined>(undefined);

  function applyCustom(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!from || !to || from > to) return setError('Choose a start on or before the end');
    setError(undefined);
    onChange({ preset: 'custom', from, to });
  }

  return (
    <div className="flex flex-wrap items-end gap-4">
      <div role="group" aria-label="Date range" className="flex flex-wrap gap-1">
        {(Object.keys(RANGE_PRESETS) as TRangePreset[]).map((preset) => (
          <Button
            key={preset}
            size="sm"
            variant={state.preset === preset ? 'primary' : 'secondary'}
            aria-pressed={state.preset === preset}
            onClick={() => onChange({ preset })}
          >
            {LABELS[preset]}
          </Button>
        ))}
      </div>
      <form onSubmit={applyCustom} noValidate className="flex flex-wrap items-end gap-2">
        <Input
          label="From"
          type="date"
          value={from}
          max={to}
          onChange={(event) => setFrom(event.target.value)}
          containerClassName="w-40"
          error={error}
        />
        <Input
          label="To"
          type="date"
          value={to}
          min={from}
          onChange={(event) => setTo(event.target.value)}
          containerClassName="w-40"
        />
        <Button type="submit" size="md" variant={state.preset === 'custom' ? 'primary' : 'secondary'}>
          Show
        </Button>
      </form>
    </div>
  );
}
