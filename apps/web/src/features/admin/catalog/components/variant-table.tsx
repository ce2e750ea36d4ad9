import type { TAdminProduct } from '@mercato/shared';
import { useState } from 'react';
import { Button } from '../../../../components/ui/button.js';
import { useToast } from '../../../../components/ui/toast-context.js';
import { ApiError } from '../../../../lib/api-error.js';
import { useSaveProductVariants } from '../api/save-product-variants.js';
import {
  errorsByCell,
  generateRows,
  rowTitle,
  toDrafts,
  toVariantsInput,
  type OptionDraft,
  type VariantRow,
} from '../lib/variant-table.js';
import { VariantStockAdjust } from './variant-stock-adjust.js';

const CELL = 'h-9 w-full min-w-20 rounded-md border border-slate-500 px-2 text-sm aria-invalid:border-red-700';

/**
 * The product's options and variants in one table: define options, generate the matrix (existing combinations keep
 * their id and stock), edit SKU, price, stock and active per row or for a selection, save all at once with PUT. The
 * API's errors (`body.variants.3.sku`) are shown under the cell they name.
 */
export function VariantTable({ product, digits }: { product: TAdminProduct; digits: number }) {
  const initial = toDrafts(product, digits);
  const [options, setOptions] = useState<OptionDraft[]>(initial.options);
  const [rows, setRows] = useState<VariantRow[]>(initial.rows);
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [bulk, setBulk] = useState('');
  const [errors, setErrors] = useState<Map<string, string>>(new Map());
  const save = useSaveProductVariants();
  const toast = useToast();

  const setOption = (index: number, patch: Partial<OptionDraft>) =>
    setOptions(options.map((option, i) => (i === index ? { ...option, ...patch } : option)));
  const setRow = (index: number, patch: Partial<VariantRow>) =>
    setRows(rows.map((row, i) => (i === index ? { ...row, ...patch } : row)));
  const setSelection = (patch: Partial<VariantRow>) =>
    setRows(rows.map((row, i) => (selected.has(i) ? { ...row, ...patch } : row)));

  async function onSave() {
    setErrors(new Map());
    try {
      await save.mutateAsync({ id: product.id, input: toVariantsInput(options, rows, digits) });
      toast.show({ tone: 'success', title: 'Variants saved' });
    } catch (cause) {
      const found = cause instanceof ApiError ? errorsByCell(cause.errors) : new Map<string, string>();
      if (found.size === 0) found.set('form', cause instanceof Error ? cause.message : 'The variants were not saved');
      setErrors(found);
    }
  }

  const cell = (index: number, field: 'sku' | 'price' | 'stock', label: string) => {
    const error = errors.get(`${index}.${field}`);
    const errorId = `variant-${index}-${field}-error`;
    return (
      <td className="p-2 align-top">
        <input
          aria-label={`${label} of ${rowTitle(rows[index] as VariantRow)}`}
          value={(rows[index] as VariantRow)[field]}
          onChange={(event) => setRow(index, { [field]: event.target.value })}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          inputMode={field === 'sku' ? undefined : 'decimal'}
          className={CELL}
        />
        {error && (
          <p id={errorId} className="mt-1 text-xs text-red-700">
            {error}
          </p>
        )}
      </td>
    );
  };

  return (
    <section aria-labelledby="variants-heading" className="flex flex-col gap-4 rounded-lg border border-slate-200 p-4">
      <h2 id="variants-heading" className="text-lg font-semibold">
        Options and variants
      </h2>
      {options.map((option, index) => (
        <div key={index} className="flex flex-wrap items-end gap-3">
          <label className="flex flex-col gap-1 text-sm font-medium">
            Option {index + 1} name
            <input value={option.name} onChange={(e) => setOption(index, { name: e.target.value })} className={CELL} />
          </label>
          <label className="flex flex-1 flex-col gap-1 text-sm font-medium">
            Option {index + 1} values (comma separated)
            <input
              value={option.values}
              onChange={(e) => setOption(index, { values: e.target.value })}
              className={CELL}
            />
          </label>
          <Button variant="ghost" size="sm" onClick={() => setOptions(options.filter((_, i) => i !== index))}>
            Remove option {index + 1}
          </Button>
        </div>
      ))}
      <div className="flex flex-wrap gap-2">
        {options.length < 3 && (
          <Button variant="secondary" size="sm" onClick={() => setOptions([...options, { name: '', values: '' }])}>
            Add option
          </Button>
        )}
        <Button
          variant="secondary"
          size="sm"
          onClick={() => {
            const base = { sku: rows[0]?.sku.split('-')[0] ?? '', price: rows[0]?.price ?? '0' };
            setRows(generateRows(options, rows, base));
            setSelected(new Set());
          }}
        >
          Generate variants
        </Button>
      </div>
      <div className="flex flex-wrap items-end gap-2">
        <label className="flex flex-col gap-1 text-sm font-medium">
          Value for the selected rows
          <input value={bulk} onChange={(e) => setBulk(e.target.value)} className={CELL} />
        </label>
        <Button
          size="sm"
          variant="secondary"
          disabled={selected.size === 0}
          onClick={() => setSelection({ price: bulk })}
        >
          Set price
        </Button>
        <Button
          size="sm"
          variant="secondary"
          disabled={selected.size === 0}
          onClick={() => setSelection({ stock: bulk })}
        >
          Set stock
        </Button>
      </div>
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Variants of {product.name}</caption>
          <thead>
            <tr className="border-b border-slate-200">
              <th scope="col" className="p-2">
                <input
                  type="checkbox"
                  aria-label="Select all variants"
                  checked={rows.length > 0 && selected.size === rows.length}
                  onChange={(e) => setSelected(e.target.checked ? new Set(rows.map((_, i) => i)) : new Set())}
                />
              </th>
              {['Variant', 'SKU', 'Price', 'Stock', 'Active', 'Held / sold'].map((name) => (
                <th key={name} scope="col" className="p-2 font-medium">
                  {name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row, index) => {
              const saved = product.variants.find((variant) => variant.id === row.id);
              return (
                <tr key={rowTitle(row)} className="border-b border-slate-100">
                  <td className="p-2 align-top">
                    <input
                      type="checkbox"
                      aria-label={`Select ${rowTitle(row)}`}
                      checked={selected.has(index)}
                      onChange={(e) => {
                        const next = new Set(selected);
                        if (e.target.checked) next.add(index);
                        else next.delete(index);
                        setSelected(next);
                      }}
                    />
                  </td>
                  <th scope="row" className="p-2 align-top font-medium">
                    {rowTitle(row)}
                  </th>
                  {cell(index, 'sku', 'SKU')}
                  {cell(index, 'price', 'Price')}
                  {cell(index, 'stock', 'Stock')}
                  <td className="p-2 align-top">
                    <input
                      type="checkbox"
                      aria-label={`${rowTitle(row)} active`}
                      checked={row.active}
                      onChange={(e) => setRow(index, { active: e.target.checked })}
                    />
                  </td>
                  <td className="p-2 align-top text-slate-700">
                    {saved ? `${saved.reserved} / ${saved.sold}` : 'new'}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {errors.get('form') && (
        <p role="alert" className="text-sm text-red-700">
          {errors.get('form')}
        </p>
      )}
      {errors.size > 0 && !errors.get('form') && (
        <p role="alert" className="text-sm text-red-700">
          Some variants could not be saved: see the marked cells.
        </p>
      )}
      <Button className="self-start" isLoading={save.isPending} onClick={() => void onSave()}>
        Save variants
      </Button>
      <VariantStockAdjust product={product} />
    </section>
  );
}
