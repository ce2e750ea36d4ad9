import { ZConfirmCheckoutSchema } from '@mercato/shared';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { EmptyState } from '../../../components/ui/empty-state.js';
import { useDocumentTitle } from '../../../hooks/use-document-title.js';
import { COMMERCE_QUERY_KEYS } from '../../../lib/commerce-query-keys.js';
import { CONFIRM_POLL_LIMIT_MS, CONFIRM_POLL_MS, useConfirmCheckout } from '../api/confirm-checkout.js';
import { ConfirmationStatus } from './confirmation-status.js';

/**
 * `/checkout/success?session_id=cs_…`: where the payment page sends the shopper back. The API confirms the session
 * with the payment provider (never trusting the URL); while the payment is pending the page keeps asking.
 */
export function CheckoutSuccessPage() {
  const [searchParams] = useSearchParams();
  const sessionId = searchParams.get('session_id') ?? '';
  const isValid = ZConfirmCheckoutSchema.safeParse({ sessionId }).success;
  const [startedAt] = useState(() => Date.now());
  const confirm = useConfirmCheckout(sessionId, isValid, startedAt);
  const queryClient = useQueryClient();
  const order = confirm.data;
  // Measured at the last answer (not with a clock read during render): polling stops after CONFIRM_POLL_LIMIT_MS.
  const waited = confirm.dataUpdatedAt - startedAt;
  const isPaid = order !== undefined && order.status !== 'pending_payment';
  useDocumentTitle(isPaid ? 'Order confirmed' : 'Confirming your payment');

  useEffect(() => {
    // Payment done: the server emptied the cart, added the order and a notification.
    if (!isPaid) return;
    for (const queryKey of Object.values(COMMERCE_QUERY_KEYS)) void queryClient.invalidateQueries({ queryKey });
  }, [isPaid, queryClient]);

  if (!isValid) {
    return (
      <EmptyState
        as="h1"
        title="This confirmation link is not complete"
        description="If you just paid, your order is listed under Your orders and a confirmation email is on its way."
      />
    );
  }
  return (
    <ConfirmationStatus
      order={order}
      error={confirm.error}
      isSlow={waited > 20_000}
      hasGivenUp={order?.status === 'pending_payment' && waited >= CONFIRM_POLL_LIMIT_MS - CONFIRM_POLL_MS}
      onRetry={() => void confirm.refetch()}
    />
  );
}
