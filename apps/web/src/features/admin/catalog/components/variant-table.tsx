import type { TAdminProduct } from '@mercato/shared';
import { useState } from 'react';
import { Button } from '../../../../components/ui/button.js';
import { useToast } from '../../../../components/ui/toast-context.js';
import { ApiError } from '../../../../lib/api-error.js';
import { useSaveProductVariants } from '../api/save-product-variants.js';
import {
  errorsByCell,
  findRowProblems,
  generateRows,
  generationBase,
  rowTitle,
  toDrafts,
  toVariantsInput,
  type OptionDraft,
  type VariantRow,
} from '../lib/variant-table.js';
import { VariantBulkEdit } from './variant-bulk-edit.js';
import { VariantImagesDialog } from './variant-images-dialog.js';
import { VariantOptionsEditor } from './variant-options-editor.js';
import { VariantStockAdjust } from './variant-stock-adjust.js';
import { VARIANT_TEXT_COLUMNS, VariantTableRow } from './variant-table-row.js';

const HEADERS = ['Variant', ...VARIANT_TEXT_COLUMNS.map((column) => column.label), 'Images', 'Active', 'Held / sold'];

/**
 * The product's options and variants in one table: define options, generate the matrix (existing combinations keep
 * their row), edit SKU, barcode, prices, stock, images and active per row or for a selection, save all at once with
 * PUT. Amounts that do not parse are named before sending; the API's errors (`body.variants.3.sku`) are shown under
 * the cell they name.
 */
export function VariantTable({ product, digits }: { product: TAdminProduct; digits: number }) {
  const [initial] = useState(() => toDrafts(product, digits));
  const [options, setOptions] = useState<OptionDraft[]>(initial.options);
  const [rows, setRows] = useState<VariantRow[]>(initial.rows);
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [errors, setErrors] = useState<Map<string, string>>(new Map());
  // The row whose images are being chosen; one dialog serves every row.
  const [picking, setPicking] = useState<number | null>(null);
  const save = useSaveProductVariants();
  const toast = useToast();

  const setRow = (index: number, patch: Partial<VariantRow>) =>
    setRows(rows.map((row, i) => (i === index ? { ...row, ...patch } : row)));
  const pickedRow = picking === null ? undefined : rows[picking];

  async function onSave() {
    const problems = findRowProblems(rows, digits);
    setErrors(problems);
    if (problems.size > 0) return;
    try {
      await save.mutateAsync({ id: product.id, input: toVariantsInput(options, rows, digits) });
      toast.show({ tone: 'success', title: 'Variants saved' });
    } catch (cause) {
      const found = cause instanceof ApiError ? errorsByCell(cause.errors) : new Map<string, string>();
      if (found.size === 0) found.set('form', cause instanceof Error ? cause.message : 'The variants were not saved');
      setErrors(found);
    }
  }

  function generate() {
    setRows(generateRows(options, rows, generationBase(product, rows, digits)));
    setSelected(new Set());
    setErrors(new Map()); // they named cells by row number, and the rows moved
  }

  return (
    <section aria-labelledby="variants-heading" className="flex flex-col gap-4 rounded-lg border border-slate-200 p-4">
      <h2 id="variants-heading" className="text-lg font-semibold">
        Options and variants
      </h2>
      <VariantOptionsEditor options={options} onChange={setOptions} onGenerate={generate} />
      <VariantBulkEdit
        isDisabled={selected.size === 0}
        onSet={(patch) => setRows(rows.map((row, i) => (selected.has(i) ? { ...row, ...patch } : row)))}
      />
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
              {HEADERS.map((name) => (
                <th key={name} scope="col" className="p-2 font-medium">
                  {name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row, index) => (
              <VariantTableRow
                key={rowTitle(row)}
                row={row}
                index={index}
                saved={product.variants.find((variant) => variant.id === row.id)}
                errors={errors}
                imageCount={product.images.length}
                isSelected={selected.has(index)}
                onSelect={(isSelected) => {
                  const next = new Set(selected);
                  if (isSelected) next.add(index);
                  else next.delete(index);
                  setSelected(next);
                }}
                onChange={(patch) => setRow(index, patch)}
                onPickImages={() => setPicking(index)}
              />
            ))}
          </tbody>
        </table>
      </div>
      {errors.size > 0 && (
        <p role="alert" className="text-sm text-red-700">
          {errors.get('form') ?? 'Some variants could not be saved: see the marked cells.'}
        </p>
      )}
      <Button className="self-start" isLoading={save.isPending} onClick={() => void onSave()}>
        Save variants
      </Button>
      <VariantImagesDialog
        open={pickedRow !== undefined}
        title={pickedRow ? rowTitle(pickedRow) : ''}
        images={product.images}
        imageIds={pickedRow?.imageIds ?? []}
        onChange={(imageIds) => picking !== null && setRow(picking, { imageIds })}
        onClose={() => setPicking(null)}
      />
      <VariantStockAdjust product={product} />
    </section>
  );
}
