import type { TAdminProduct } from '@mercato/shared';
import { Button } from '../../../../components/ui/button.js';
import { rowTitle, type TVariantTextField, type VariantRow } from '../lib/variant-table.js';
import { CellError, VariantCell } from './variant-cell.js';

/** The typed columns, in order, with the words their inputs are named by ("Compare-at price of S"). */
export const VARIANT_TEXT_COLUMNS: readonly { field: TVariantTextField; label: string }[] = [
  { field: 'sku', label: 'SKU' },
  { field: 'barcode', label: 'Barcode' },
  { field: 'price', label: 'Price' },
  { field: 'compareAtPrice', label: 'Compare-at price' },
  { field: 'stock', label: 'Stock' },
];
const SHOWN_AT_A_CELL = new Set<string>([...VARIANT_TEXT_COLUMNS.map((column) => column.field), 'imageIds']);

export interface VariantTableRowProps {
  row: VariantRow;
  index: number;
  /** The saved variant the row edits (for its held and sold units); undefined for a new combination. */
  saved: TAdminProduct['variants'][number] | undefined;
  /** Cell errors of the whole table, keyed `index.field`. */
  errors: ReadonlyMap<string, string>;
  /** How many images the product has: the row's images are chosen among them. */
  imageCount: number;
  isSelected: boolean;
  onSelect: (isSelected: boolean) => void;
  onChange: (patch: Partial<VariantRow>) => void;
  onPickImages: () => void;
}

/** One variant: selection box, title, typed cells, its images, active flag, held / sold units. */
export function VariantTableRow(props: VariantTableRowProps) {
  const { row, index, saved, errors, imageCount, isSelected, onSelect, onChange, onPickImages } = props;
  const title = rowTitle(row);
  const errorId = (field: string) => `variant-${index}-${field}-error`;
  // Errors for fields without a cell of their own (option values, id) go under the variant's title.
  const rowErrors = [...errors]
    .filter(([key]) => key.startsWith(`${index}.`) && !SHOWN_AT_A_CELL.has(key.slice(`${index}.`.length)))
    .map(([, message]) => message)
    .join('; ');
  const imagesError = errors.get(`${index}.imageIds`);
  return (
    <tr className="border-b border-slate-100">
      <td className="p-2 align-top">
        <input
          type="checkbox"
          aria-label={`Select ${title}`}
          checked={isSelected}
          onChange={(e) => onSelect(e.target.checked)}
        />
      </td>
      <th scope="row" className="p-2 align-top font-medium">
        {title}
        <CellError id={errorId('row')} error={rowErrors} />
      </th>
      {VARIANT_TEXT_COLUMNS.map(({ field, label }) => (
        <VariantCell
          key={field}
          label={`${label} of ${title}`}
          value={row[field]}
          onChange={(value) => onChange({ [field]: value })}
          error={errors.get(`${index}.${field}`)}
          errorId={errorId(field)}
          inputMode={
            field === 'price' || field === 'compareAtPrice' ? 'decimal' : field === 'stock' ? 'numeric' : undefined
          }
        />
      ))}
      <td className="p-2 align-top">
        {imageCount === 0 ? (
          <span className="text-slate-700">No product images</span>
        ) : (
          <div className="flex items-center gap-2 whitespace-nowrap">
            <Button
              variant="secondary"
              size="sm"
              aria-haspopup="dialog"
              aria-describedby={imagesError ? errorId('imageIds') : undefined}
              onClick={onPickImages}
            >
              Images<span className="sr-only"> of {title}</span>
            </Button>
            <span className="text-xs text-slate-700">
              {row.imageIds.length === 0 ? 'none chosen' : `${row.imageIds.length} of ${imageCount}`}
            </span>
          </div>
        )}
        <CellError id={errorId('imageIds')} error={imagesError} />
      </td>
      <td className="p-2 align-top">
        <input
          type="checkbox"
          aria-label={`${title} active`}
          checked={row.active}
          onChange={(e) => onChange({ active: e.target.checked })}
        />
      </td>
      <td className="p-2 align-top text-slate-700">{saved ? `${saved.reserved} / ${saved.sold}` : 'new'}</td>
    </tr>
  );
}
