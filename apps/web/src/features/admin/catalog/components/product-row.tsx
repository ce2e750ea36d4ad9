import type { TAdminProduct } from '@mercato/shared';
import { Link } from 'react-router';
import { Badge } from '../../../../components/ui/badge.js';
import { TableCell, TableRow } from '../../../../components/ui/table.js';
import { formatMoney } from '../../../../lib/format-money.js';
import { FlagToggle } from './flag-toggle.js';
import { StockCell } from './stock-cell.js';

/** One product in the admin table: thumbnail, name (edit link), category, price, quick stock edit, toggles. */
export function ProductRow({ product }: { product: TAdminProduct }) {
  const image = product.images[0];
  return (
    <TableRow>
      <TableCell>
        {image ? (
          <img
            src={image.src}
            srcSet={image.srcset}
            sizes="48px"
            width={image.width}
            height={image.height}
            alt=""
            loading="lazy"
            className="size-12 max-w-none rounded-md bg-slate-100 object-cover"
          />
        ) : (
          <div aria-hidden="true" className="size-12 rounded-md bg-slate-100" />
        )}
      </TableCell>
      <TableCell>
        <div className="flex flex-col gap-0.5">
          <Link to={`/admin/products/${product.id}`} className="font-medium text-brand-700 hover:underline">
            {product.name}
          </Link>
          <span className="text-xs text-slate-600">/{product.slug}</span>
          {product.archived && (
            <Badge tone="neutral" className="self-start">
              Archived
            </Badge>
          )}
        </div>
      </TableCell>
      <TableCell>{product.category?.name ?? <span className="text-slate-600">—</span>}</TableCell>
      <TableCell className="text-right tabular-nums">{formatMoney(product.price, product.currency)}</TableCell>
      <TableCell>
        <StockCell id={product.id} name={product.name} stock={product.stock} />
      </TableCell>
      <TableCell>
        <FlagToggle id={product.id} name={product.name} flag="active" value={product.active} />
      </TableCell>
      <TableCell>
        <FlagToggle id={product.id} name={product.name} flag="featured" value={product.featured} />
      </TableCell>
    </TableRow>
  );
}
