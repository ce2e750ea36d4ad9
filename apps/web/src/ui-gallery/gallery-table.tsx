import { useState } from 'react';
import { Badge } from '../components/ui/badge.js';
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeaderCell,
  TableRow,
  type TSortDirection,
} from '../components/ui/table.js';
import { formatMoney } from '../lib/format-money.js';

const ROWS = [
  { id: 'A-1001', total: 4_990, status: 'Paid' },
  { id: 'A-1002', total: 1_250, status: 'Shipped' },
];

/** A sortable table, as admin lists will use it. */
export function GalleryTable() {
  const [direction, setDirection] = useState<TSortDirection>('none');
  const rows =
    direction === 'none' ? ROWS : [...ROWS].sort((a, b) => (a.total - b.total) * (direction === 'asc' ? 1 : -1));
  return (
    <Table caption="Recent orders">
      <TableHead>
        <tr>
          <TableHeaderCell>Order</TableHeaderCell>
          <TableHeaderCell sort={{ direction, onSort: () => setDirection(direction === 'asc' ? 'desc' : 'asc') }}>
            Total
          </TableHeaderCell>
          <TableHeaderCell>Status</TableHeaderCell>
        </tr>
      </TableHead>
      <TableBody>
        {rows.map((row) => (
          <TableRow key={row.id}>
            <TableCell>{row.id}</TableCell>
            <TableCell>{formatMoney(row.total, 'EUR', 'en-IE')}</TableCell>
            <TableCell>
              <Badge>{row.status}</Badge>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
