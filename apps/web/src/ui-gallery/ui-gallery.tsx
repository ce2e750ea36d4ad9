import { useState } from 'react';
import { Badge } from '../components/ui/badge.js';
import { Button } from '../components/ui/button.js';
import { Checkbox } from '../components/ui/checkbox.js';
import { Dialog } from '../components/ui/dialog.js';
import { EmptyState } from '../components/ui/empty-state.js';
import { Input } from '../components/ui/input.js';
import { Pagination } from '../components/ui/pagination.js';
import { PasswordInput } from '../components/ui/password-input.js';
import { Select } from '../components/ui/select.js';
import { Skeleton } from '../components/ui/skeleton.js';
import { Spinner } from '../components/ui/spinner.js';
import { Textarea } from '../components/ui/textarea.js';
import { useToast } from '../components/ui/toast-context.js';
import { GalleryTable } from './gallery-table.js';

/** Every primitive in its main states. */
export function UiGallery() {
  const toast = useToast();
  const [isDialogOpen, setIsDialogOpen] = useState(false);
  const [page, setPage] = useState(3);
  return (
    <main className="mx-auto flex max-w-3xl flex-col gap-10 p-8">
      <h1 className="text-3xl font-bold">UI primitives</h1>
      <section className="flex flex-wrap items-center gap-3" aria-label="Buttons">
        <Button>Primary</Button>
        <Button variant="secondary">Secondary</Button>
        <Button variant="ghost">Ghost</Button>
        <Button variant="danger" size="sm">
          Danger
        </Button>
        <Button isLoading>Saving</Button>
        <Badge tone="success">Paid</Badge>
        <Badge tone="warning">Low stock</Badge>
        <Spinner label="Loading orders" />
      </section>
      <section className="grid gap-4 sm:grid-cols-2" aria-label="Form fields">
        <Input label="Email" type="email" hint="We never share it." required />
        <Input label="Coupon code" error="This coupon has expired" defaultValue="SUMMER" />
        <PasswordInput label="Password" autoComplete="new-password" hint="At least 8 characters." />
        <Select label="Category" placeholder="Choose a category">
          <option value="mugs">Mugs</option>
        </Select>
        <Textarea label="Description" />
        <Checkbox label="In stock only" hint="Hide products you cannot order today." />
      </section>
      <section className="flex flex-wrap gap-3" aria-label="Overlays">
        <Button variant="secondary" onClick={() => setIsDialogOpen(true)}>
          Delete product
        </Button>
        <Button variant="secondary" onClick={() => toast.show({ title: 'Saved', description: 'Product updated.' })}>
          Show toast
        </Button>
        <Button
          variant="secondary"
          onClick={() => toast.show({ title: 'Payment failed', tone: 'error', durationMs: 60_000 })}
        >
          Show error toast
        </Button>
      </section>
      <Dialog
        open={isDialogOpen}
        onClose={() => setIsDialogOpen(false)}
        title="Delete product?"
        description="This cannot be undone."
        footer={
          <>
            <Button variant="secondary" onClick={() => setIsDialogOpen(false)}>
              Cancel
            </Button>
            <Button variant="danger" onClick={() => setIsDialogOpen(false)}>
              Delete
            </Button>
          </>
        }
      />
      <GalleryTable />
      <Pagination page={page} pageCount={12} onPageChange={setPage} label="Gallery pages" />
      <div className="flex flex-col gap-2" aria-busy="true">
        <Skeleton className="h-4 w-48" />
        <Skeleton className="h-4 w-32" />
      </div>
      <EmptyState title="No orders yet" description="Orders you place will be listed here." />
    </main>
  );
}
