import type { TCategory } from '@mercato/shared';
import { useState } from 'react';
import { Button } from '../../../../components/ui/button.js';
import { EmptyState } from '../../../../components/ui/empty-state.js';
import { Skeleton } from '../../../../components/ui/skeleton.js';
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from '../../../../components/ui/table.js';
import { useDocumentTitle } from '../../../../hooks/use-document-title.js';
import { useAdminCategories } from '../api/list-admin-categories.js';
import { AdminLoadError } from './admin-load-error.js';
import { CategoryFormDialog } from './category-form-dialog.js';
import { DeleteCategoryDialog } from './delete-category-dialog.js';

interface DialogState {
  kind: 'form' | 'delete';
  category: TCategory | null;
  isOpen: boolean;
  /** A new key per opening: the form starts from the category's current values every time. */
  key: number;
}

/** `/admin/categories`: the categories with their product counts; create, edit and delete in dialogs. */
export function CategoriesPage() {
  useDocumentTitle('Categories · Admin');
  const categories = useAdminCategories();
  const [dialog, setDialog] = useState<DialogState | null>(null);
  const open = (kind: DialogState['kind'], category: TCategory | null) =>
    setDialog({ kind, category, isOpen: true, key: (dialog?.key ?? 0) + 1 });
  // Closed, not unmounted: the native dialog then returns focus to the button that opened it.
  const close = () => setDialog((current) => current && { ...current, isOpen: false });
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap items-center justify-between gap-4">
        <h1 className="text-2xl font-bold tracking-tight">Categories</h1>
        <Button onClick={() => open('form', null)}>New category</Button>
      </div>
      {categories.isError ? (
        <AdminLoadError error={categories.error} onRetry={() => void categories.refetch()} what="categories" />
      ) : categories.data?.items.length === 0 ? (
        <EmptyState title="No categories yet" description="Categories group products in the store's navigation." />
      ) : (
        <Table caption="Categories" hideCaption>
          <TableHead>
            <tr>
              <TableHeaderCell>
                <span className="sr-only">Image</span>
              </TableHeaderCell>
              <TableHeaderCell>Name</TableHeaderCell>
              <TableHeaderCell className="text-right">Products</TableHeaderCell>
              <TableHeaderCell className="text-right">Sort order</TableHeaderCell>
              <TableHeaderCell>
                <span className="sr-only">Actions</span>
              </TableHeaderCell>
            </tr>
          </TableHead>
          <TableBody>
            {categories.data
              ? categories.data.items.map((category) => (
                  <TableRow key={category.id}>
                    <TableCell>
                      {category.image ? (
                        <img
                          src={category.image.src}
                          srcSet={category.image.srcset}
                          sizes="48px"
                          alt=""
                          className="size-12 max-w-none rounded-md object-cover"
                        />
                      ) : (
                        <div aria-hidden="true" className="size-12 rounded-md bg-slate-100" />
                      )}
                    </TableCell>
                    <TableCell>
                      <div className="flex flex-col">
                        <span className="font-medium">{category.name}</span>
                        <span className="text-xs text-slate-600">/c/{category.slug}</span>
                      </div>
                    </TableCell>
                    <TableCell className="text-right tabular-nums">{category.productCount}</TableCell>
                    <TableCell className="text-right tabular-nums">{category.sortOrder}</TableCell>
                    <TableCell className="text-right whitespace-nowrap">
                      <Button variant="ghost" size="sm" onClick={() => open('form', category)}>
                        Edit<span className="sr-only"> {category.name}</span>
                      </Button>
                      <Button
                        variant="ghost"
                        size="sm"
                        className="text-red-700"
                        onClick={() => open('delete', category)}
                      >
                        Delete<span className="sr-only"> {category.name}</span>
                      </Button>
                    </TableCell>
                  </TableRow>
                ))
              : Array.from({ length: 4 }, (_, index) => (
                  <TableRow key={index} aria-hidden="true">
                    <TableCell colSpan={5}>
                      <Skeleton className="h-10 w-full" />
                    </TableCell>
                  </TableRow>
                ))}
          </TableBody>
        </Table>
      )}
      {dialog?.kind === 'form' && (
        <CategoryFormDialog key={dialog.key} open={dialog.isOpen} category={dialog.category} onClose={close} />
      )}
      {dialog?.kind === 'delete' && dialog.category && (
        <DeleteCategoryDialog key={dialog.key} open={dialog.isOpen} category={dialog.category} onClose={close} />
      )}
    </div>
  );
}
