import type { TAdminProduct } from '@mercato/shared';
import { Skeleton } from '../../../../components/ui/skeleton.js';
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from '../../../../components/ui/table.js';
import { ProductRow } from './product-row.js';

const COLUMNS = ['Image', 'Name', 'Category', 'Price', 'Stock', 'Active', 'Featured'];

/** The products table; skeleton rows while the first page loads. */
export function ProductsTable({ products, caption }: { products: TAdminProduct[] | undefined; caption: string }) {
  return (
    <Table caption={caption} hideCaption>
      <TableHead>
        <tr>
          {COLUMNS.map((column) => (
            <TableHeaderCell key={column} className={column === 'Price' ? 'text-right' : undefined}>
              {column === 'Image' ? <span className="sr-only">{column}</span> : column}
            </TableHeaderCell>
          ))}
        </tr>
      </TableHead>
      <TableBody>
        {products
          ? products.map((product) => <ProductRow key={product.id} product={product} />)
          : Array.from({ length: 5 }, (_, index) => (
              <TableRow key={index} aria-hidden="true">
                {COLUMNS.map((column) => (
                  <TableCell key={column}>
                    <Skeleton className={column === 'Image' ? 'size-12' : 'h-4 w-20'} />
                  </TableCell>
                ))}
              </TableRow>
            ))}
      </TableBody>
    </Table>
  );
}
