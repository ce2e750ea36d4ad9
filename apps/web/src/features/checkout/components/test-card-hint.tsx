import { useStoreInfo } from '../../../lib/store-info.js';

/** While payments go to the built-in sandbox, says which card pays (no real money moves). */
export function TestCardHint() {
  const store = useStoreInfo();
  if (!store.data?.isPaymentSandbox) return null;
  return (
    <p className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
      <strong className="font-semibold">Test mode:</strong> no real payment is taken. Pay with the card{' '}
      <span className="font-mono whitespace-nowrap">4242 4242 4242 4242</span>, any future expiry date and any CVC.
    </p>
  );
}
