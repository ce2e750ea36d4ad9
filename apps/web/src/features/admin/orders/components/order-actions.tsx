import type { TAdminOrder } from '@mercato/shared';
import { useState } from 'react';
import { Button } from '../../../../components/ui/button.js';
import { useChangeOrderStatus } from '../api/change-order-status.js';
import { CancelOrderDialog } from './cancel-order-dialog.js';
import { RefundOrderDialog } from './refund-order-dialog.js';

/** The actions the transition table allows from the order's status, and nothing else. */
export function OrderActions({ order }: { order: TAdminOrder }) {
  const changeStatus = useChangeOrderStatus();
  const [dialog, setDialog] = useState<'cancel' | 'refund' | null>(null);
  // Each opening of the refund dialog is a new refund: a new key remounts it with a new idempotency key.
  const [refundRound, setRefundRound] = useState(0);
  const allowed = new Set(order.allowedTransitions);
  const canRefund = allowed.has('refunded') || allowed.has('partially_refunded');
  const hasActions = allowed.has('shipped') || allowed.has('delivered') || allowed.has('cancelled') || canRefund;
  if (!hasActions) return <p className="text-sm text-slate-600">No further actions for this order.</p>;

  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap gap-2">
        {allowed.has('shipped') && (
          <Button
            isLoading={changeStatus.isPending && changeStatus.variables.status === 'shipped'}
            onClick={() => changeStatus.mutate({ id: order.id, status: 'shipped' })}
          >
            Mark as shipped
          </Button>
        )}
        {allowed.has('delivered') && (
          <Button
            variant={allowed.has('shipped') ? 'secondary' : 'primary'}
            isLoading={changeStatus.isPending && changeStatus.variables.status === 'delivered'}
            onClick={() => changeStatus.mutate({ id: order.id, status: 'delivered' })}
          >
            Mark as delivered
          </Button>
        )}
        {canRefund && (
          <Button
            variant="secondary"
            onClick={() => {
              setRefundRound((round) => round + 1);
              setDialog('refund');
            }}
          >
            Refund
          </Button>
        )}
        {allowed.has('cancelled') && (
          <Button variant="danger" onClick={() => setDialog('cancel')}>
            Cancel order
          </Button>
        )}
      </div>
      {changeStatus.isError && (
        <p role="alert" className="text-sm text-red-700">
          {changeStatus.error.message}
        </p>
      )}
      <p role="status" className="sr-only">
        {changeStatus.isSuccess ? `Order marked as ${changeStatus.data.status}.` : ''}
      </p>
      <CancelOrderDialog order={order} open={dialog === 'cancel'} onClose={() => setDialog(null)} />
      <RefundOrderDialog key={refundRound} order={order} open={dialog === 'refund'} onClose={() => setDialog(null)} />
    </div>
  );
}
