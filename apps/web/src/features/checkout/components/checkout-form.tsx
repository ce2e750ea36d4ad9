import { zodResolver } from '@hookform/resolvers/zod';
import { ZShippingAddressSchema, type TCart, type TShippingAddress } from '@mercato/shared';
import { FormProvider, useForm } from 'react-hook-form';
import { Button } from '../../../components/ui/button.js';
import { applyApiErrorToForm } from '../../../lib/form-errors.js';
import { formatMoney } from '../../../lib/format-money.js';
import {
  ADDRESS_FIELDS,
  checkoutFormSchema,
  emptyAddress,
  guessCountry,
  type TCheckoutFormInput,
} from '../lib/address-form.js';
import { classifyCheckoutError, describeRetryableCheckoutError } from '../lib/checkout-errors.js';
import { AddressFields } from './address-fields.js';
import { TestCardHint } from './test-card-hint.js';

export interface CheckoutFormProps {
  cart: TCart;
  /** The cart cannot be paid as it is (the page says why): the pay button is disabled. */
  isBlocked: boolean;
  defaultName?: string | undefined;
  /** Starts the payment; rejects with the API error for address and retryable failures (cart ones it handles). */
  onPay: (address: TShippingAddress) => Promise<void>;
  /** True from a successful start until the browser leaves for the payment page. */
  isRedirecting: boolean;
}

const FIELDS = ADDRESS_FIELDS.map((field) => `shippingAddress.${field}` as const);

/** The address form and the pay button (the amount on it is the server's total). */
export function CheckoutForm({ cart, isBlocked, defaultName, onPay, isRedirecting }: CheckoutFormProps) {
  const form = useForm<TCheckoutFormInput>({
    resolver: zodResolver(checkoutFormSchema),
    defaultValues: { shippingAddress: emptyAddress(defaultName, guessCountry(navigator.languages)) },
  });
  const { handleSubmit, setError, formState } = form;

  const submit = handleSubmit(async (values) => {
    try {
      await onPay(ZShippingAddressSchema.parse(values.shippingAddress));
    } catch (error) {
      // Cart problems never get here (the page shows what changed); address errors go on their fields.
      if (classifyCheckoutError(error) === 'address') applyApiErrorToForm(error, setError, { fields: FIELDS });
      else setError('root.server', { type: 'server', message: describeRetryableCheckoutError(error) });
    }
  });

  return (
    <FormProvider {...form}>
      <form noValidate onSubmit={submit} className="flex flex-col gap-6" aria-label="Checkout">
        <AddressFields />
        {formState.errors.root?.server && (
          <p role="alert" className="rounded-md bg-red-50 p-3 text-sm font-medium text-red-800">
            {formState.errors.root.server.message}
          </p>
        )}
        <div className="flex flex-col gap-2">
          <Button
            type="submit"
            size="lg"
            className="w-full sm:w-auto sm:self-start"
            disabled={isBlocked}
            isLoading={formState.isSubmitting || isRedirecting}
          >
            Pay {formatMoney(cart.total, cart.currency)}
          </Button>
          <p className="text-sm text-slate-600" aria-live="polite">
            {isRedirecting
              ? 'Opening the secure payment page…'
              : 'You pay on our payment provider’s secure page; your card details never reach this shop.'}
          </p>
          <TestCardHint />
        </div>
      </form>
    </FormProvider>
  );
}
