import type { TAdminProduct } from '@mercato/shared';
import { useState } from 'react';
import { Button } from '../../../../components/ui/button.js';
import { useToast } from '../../../../components/ui/toast-context.js';
import { ApiError } from '../../../../lib/api-error.js';
import { useAdjustVariantStock } from '../api/adjust-variant-stock.js';

const FIELD = 'h-9 rounded-md border border-slate-500 px-2 text-sm';

/** A counted stock change of one saved variant (a delivery +12, breakage −1), with the reason the audit log keeps. */
export function VariantStockAdjust({ product }: { product: TAdminProduct }) {
  const [variantId, setVariantId] = useState(product.variants[0]?.id ?? '');
  const [delta, setDelta] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const adjust = useAdjustVariantStock();
  const toast = useToast();

  async function submit() {
    setError(null);
    try {
      await adjust.mutateAsync({ id: product.id, variantId, adjustment: { delta: Number(delta), reason } });
      toast.show({ tone: 'success', title: 'Stock adjusted' });
      setDelta('');
      setReason('');
    } catch (cause) {
      const detail = cause instanceof ApiError ? cause.errors.map((e) => `${e.path}: ${e.message}`).join('; ') : '';
      setError(detail || (cause instanceof Error ? cause.message : 'The stock was not adjusted'));
    }
  }

  return (
    <fieldset className="flex flex-wrap items-end gap-2 border-t border-slate-200 pt-4">
      <legend className="mb-2 text-sm font-semibold">Adjust the stock of a variant</legend>
      <label className="flex flex-col gap-1 text-sm font-medium">
        Variant
        <select value={variantId} onChange={(e) => setVariantId(e.target.value)} className={FIELD}>
          {product.variants.map((variant) => (
            <option key={variant.id} value={variant.id}>
              {variant.title} ({variant.stock} in stock)
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col gap-1 text-sm font-medium">
        Change (+ or −)
        <input inputMode="numeric" value={delta} onChange={(e) => setDelta(e.target.value)} className={FIELD} />
      </label>
      <label className="flex flex-1 flex-col gap-1 text-sm font-medium">
        Reason
        <input value={reason} onChange={(e) => setReason(e.target.value)} className={FIELD} />
      </label>
      <Button size="sm" variant="secondary" isLoading={adjust.isPending} onClick={() => void submit()}>
        Adjust stock
      </Button>
      {error && (
        <p role="alert" className="w-full text-sm text-red-700">
          {error}
        </p>
      )}
    </fieldset>
  );
}
