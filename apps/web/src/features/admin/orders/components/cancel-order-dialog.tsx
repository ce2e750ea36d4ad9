import type { TAdminOrder } from '@mercato/shared';
import { useState, type FormEvent } from 'react';
import { Button } from '../../../../components/ui/button.js';
import { Dialog } from '../../../../components/ui/dialog.js';
import { Textarea } from '../../../../components/ui/textarea.js';
import { useCancelOrder } from '../api/cancel-order.js';

export interface CancelOrderDialogProps {
  order: TAdminOrder;
  open: boolean;
  onClose: () => void;
}

/** Asks for the reason (it goes in the timeline and the audit log) before cancelling. */
export function CancelOrderDialog({ order, open, onClose }: CancelOrderDialogProps) {
  const cancel = useCancelOrder();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const isPaid = order.payment.amountPaid > 0;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (reason.trim() === '') return setError('Enter a reason');
    setError(undefined);
    cancel.mutate(
      { id: order.id, reason: reason.trim() },
      { onSuccess: onClose, onError: (cause) => setError(cause.message) },
    );
  }

  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={`Cancel order ${order.number}?`}
      description={
        isPaid
          ? 'The payment is refunded in full and the items go back to stock.'
          : 'The items held for this order go back to stock.'
      }
      footer={
        <>
          <Button variant="secondary" onClick={onClose}>
            Keep the order
          </Button>
          <Button type="submit" form="cancel-order-form" variant="danger" isLoading={cancel.isPending}>
            Cancel order
          </Button>
        </>
      }
    >
      <form id="cancel-order-form" noValidate onSubmit={submit}>
        <Textarea
          label="Reason"
          required
          rows={3}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          error={error}
        />
      </form>
    </Dialog>
  );
}
