import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Button } from '../../../../components/ui/button.js';
import { Dialog } from '../../../../components/ui/dialog.js';
import { useToast } from '../../../../components/ui/toast-context.js';
import { useDeleteProduct } from '../api/delete-product.js';

/** Delete with a confirmation; a product that is in orders is archived instead, and the admin is told so. */
export function DeleteProductButton({ id, name }: { id: string; name: string }) {
  const [isOpen, setIsOpen] = useState(false);
  const remove = useDeleteProduct();
  const toast = useToast();
  const navigate = useNavigate();

  function confirm() {
    remove.mutate(id, {
      onSuccess: ({ result }) => {
        setIsOpen(false);
        toast.show(
          result === 'archived'
            ? {
                tone: 'info',
                title: `${name} was archived, not deleted`,
                description: 'It appears in orders, so it is kept for them but hidden from shoppers.',
              }
            : { tone: 'success', title: `${name} was deleted` },
        );
        void navigate('/admin/products');
      },
    });
  }

  return (
    <>
      <Button variant="danger" onClick={() => setIsOpen(true)}>
        Delete product
      </Button>
      <Dialog
        open={isOpen}
        onClose={() => setIsOpen(false)}
        title={`Delete ${name}?`}
        description="Shoppers will no longer see it. If it is in orders, it is archived instead so those orders stay intact."
        footer={
          <>
            <Button variant="secondary" onClick={() => setIsOpen(false)}>
              Cancel
            </Button>
            <Button variant="danger" isLoading={remove.isPending} onClick={confirm}>
              Delete
            </Button>
          </>
        }
      >
        {remove.isError && (
          <p role="alert" className="text-sm font-medium text-red-700">
            {remove.error.message}
          </p>
        )}
      </Dialog>
    </>
  );
}
