import { Button } from '../../../../components/ui/button.js';
import type { OptionDraft } from '../lib/variant-table.js';
import { VARIANT_CELL } from './variant-cell.js';

export interface VariantOptionsEditorProps {
  options: OptionDraft[];
  onChange: (options: OptionDraft[]) => void;
  /** Rebuilds the rows from the options (the matrix); existing combinations keep their row. */
  onGenerate: () => void;
}

/** The product's 0–3 options (name and comma-separated values) and the button that turns them into variant rows. */
export function VariantOptionsEditor({ options, onChange, onGenerate }: VariantOptionsEditorProps) {
  const setOption = (index: number, patch: Partial<OptionDraft>) =>
    onChange(options.map((option, i) => (i === index ? { ...option, ...patch } : option)));
  return (
    <>
      {options.map((option, index) => (
        <div key={index} className="flex flex-wrap items-end gap-3">
          <label className="flex flex-col gap-1 text-sm font-medium">
            Option {index + 1} name
            <input
              value={option.name}
              onChange={(e) => setOption(index, { name: e.target.value })}
              className={VARIANT_CELL}
            />
          </label>
          <label className="flex flex-1 flex-col gap-1 text-sm font-medium">
            Option {index + 1} values (comma separated)
            <input
              value={option.values}
              onChange={(e) => setOption(index, { values: e.target.value })}
              className={VARIANT_CELL}
            />
          </label>
          <Button variant="ghost" size="sm" onClick={() => onChange(options.filter((_, i) => i !== index))}>
            Remove option {index + 1}
          </Button>
        </div>
      ))}
      <div className="flex flex-wrap gap-2">
        {options.length < 3 && (
          <Button variant="secondary" size="sm" onClick={() => onChange([...options, { name: '', values: '' }])}>
            Add option
          </Button>
        )}
        <Button variant="secondary" size="sm" onClick={onGenerate}>
          Generate variants
        </Button>
      </div>
    </>
  );
}
