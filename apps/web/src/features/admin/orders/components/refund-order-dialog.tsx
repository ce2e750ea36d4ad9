import { zodResolver } from '@hookform/resolvers/zod';
import type { TAdminOrder } from '@mercato/shared';
import { useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { Button } from '../../../../components/ui/button.js';
import { Checkbox } from '../../../../components/ui/checkbox.js';
import { Dialog } from '../../../../components/ui/dialog.js';
import { Input } from '../../../../components/ui/input.js';
import { Textarea } from '../../../../components/ui/textarea.js';
import { ApiError } from '../../../../lib/api-error.js';
import { applyApiErrorToForm } from '../../../../lib/form-errors.js';
import { currencyMinorDigits, formatMoney } from '../../../../lib/format-money.js';
import { formatMoneyInput } from '../../../../lib/money-input.js';
import { useRefundOrder } from '../api/refund-order.js';
import {
  createRefundFormSchema,
  EMPTY_REFUND_FORM,
  newIdempotencyKey,
  refundableAmount,
  refundAmountMinor,
  toRefundRequest,
  type RefundFormValues,
} from '../lib/refund-form.js';

export interface RefundOrderDialogProps {
  order: TAdminOrder;
  open: boolean;
  onClose: () => void;
}

/**
 * Full or partial refund. Remounted (new `key`) for each opening: the idempotency key is made once per opening, so a
 * double submit (or a retry after a timeout) refunds once, while the next opening is a new refund.
 */
export function RefundOrderDialog({ order, open, onClose }: RefundOrderDialogProps) {
  const [idempotencyKey] = useState(newIdempotencyKey);
  const refund = useRefundOrder();
  const digits = currencyMinorDigits(order.currency);
  const refundable = refundableAmount(order);
  const money = (amount: number) => formatMoney(amount, order.currency);
  const form = useForm<RefundFormValues>({
    resolver: zodResolver(createRefundFormSchema(order.currency, digits, refundable)),
    defaultValues: EMPTY_REFUND_FORM,
  });
  const { register, handleSubmit, setError, control, formState } = form;
  const isFull = refundAmountMinor(useWatch({ control, name: 'amount' }), digits, refundable) === refundable;

  const submit = handleSubmit(async (values) => {
    try {
      await refund.mutateAsync({ id: order.id, body: toRefundRequest(values, digits, refundable, idempotencyKey) });
      onClose();
    } catch (error) {
      if (error instanceof ApiError && error.code === 'REFUND_EXCEEDS_PAYMENT')
        setError('amount', { type: error.code, message: error.message }, { shouldFocus: true });
      else applyApiErrorToForm(error, setError, { fields: ['amount', 'restock', 'reason'] });
    }
  });

  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={`Refund order ${order.number}`}
      description={`Paid ${money(order.payment.amountPaid)}, refunded so far ${money(order.amountRefunded)}: up to ${money(refundable)} can be refunded.`}
      footer={
        <>
          <Button variant="secondary" onClick={onClose}>
            Close
          </Button>
          <Button type="submit" form="refund-order-form" isLoading={formState.isSubmitting}>
            Refund {isFull ? money(refundable) : ''}
          </Button>
        </>
      }
    >
      <form id="refund-order-form" noValidate onSubmit={submit} className="flex flex-col gap-4">
        <Input
          label={`Amount (${order.currency})`}
          inputMode="decimal"
          autoComplete="off"
          placeholder={formatMoneyInput(refundable, digits)}
          hint="Leave empty to refund everything that is left."
          error={formState.errors.amount?.message}
          {...register('amount')}
        />
        <Checkbox
          label="Put the items back in stock"
          hint="Only with a full refund."
          disabled={!isFull}
          error={formState.errors.restock?.message}
          {...register('restock')}
        />
        <Textarea label="Reason (optional)" rows={2} error={formState.errors.reason?.message} {...register('reason')} />
        {formState.errors.root?.server && (
          <p role="alert" className="rounded-md bg-red-50 p-3 text-sm font-medium text-red-800">
            {formState.errors.root.server.message}
          </p>
        )}
      </form>
    </Dialog>
  );
}
