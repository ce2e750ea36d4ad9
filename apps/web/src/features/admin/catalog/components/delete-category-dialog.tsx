import type { TCategory } from '@mercato/shared';
import { Button } from '../../../../components/ui/button.js';
import { Dialog } from '../../../../components/ui/dialog.js';
import { useToast } from '../../../../components/ui/toast-context.js';
import { ApiError } from '../../../../lib/api-error.js';
import { useDeleteCategory } from '../api/delete-category.js';

function explain(error: Error, category: TCategory): string {
  if (error instanceof ApiError && error.status === 409) {
    const count = category.productCount === 1 ? '1 product' : `${category.productCount} products`;
    return `${category.name} still holds ${count}. Move them to another category (or delete them) first, then delete it.`;
  }
  return error.message;
}

/** Confirms a category deletion; a category that still has products is refused (409) and the dialog says why. */
export function DeleteCategoryDialog(props: { open: boolean; category: TCategory; onClose: () => void }) {
  const { open, category, onClose } = props;
  const remove = useDeleteCategory();
  const toast = useToast();
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={`Delete ${category.name}?`}
      description="Its page disappears from the store. Only an empty category can be deleted."
      footer={
        <>
          <Button variant="secondary" onClick={onClose}>
            {remove.isError ? 'Close' : 'Cancel'}
          </Button>
          <Button
            variant="danger"
            isLoading={remove.isPending}
            disabled={remove.error instanceof ApiError && remove.error.status === 409}
            onClick={() =>
              remove.mutate(category.id, {
                onSuccess: () => {
                  toast.show({ tone: 'success', title: `${category.name} was deleted` });
                  onClose();
                },
              })
            }
          >
            Delete
          </Button>
        </>
      }
    >
      {remove.isError && (
        <p role="alert" className="rounded-md bg-red-50 p-3 text-sm font-medium text-red-800">
          {explain(remove.error, category)}
        </p>
      )}
    </Dialog>
  );
}
