import { useRef, useState, type FormEvent } from 'react';
import { Button } from '../../../components/ui/button.js';
import { Input } from '../../../components/ui/input.js';
import { useApplyCoupon } from '../api/apply-coupon.js';
import { describeCouponError } from '../lib/cart-errors.js';
import { PersonalCoupons } from './personal-coupons.js';

/**
 * The discount code field: one inline error per refused rule, announced to screen readers. A single field, so plain
 * state rather than react-hook-form (which stays out of the storefront's main chunk).
 */
export function CouponForm() {
  const apply = useApplyCoupon();
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const [status, setStatus] = useState('');
  const inputRef = useRef<HTMLInputElement>(null);

  async function applyCode(value: string) {
    setError(undefined);
    setStatus('');
    // Only "required" is checked here; the API applies the rest of `ZApplyCouponSchema` (length) and answers with a
    // field error. The schema itself would bring zod into the cart page's bundle.
    const trimmed = value.trim();
    if (!trimmed) {
      setError('Enter a code');
      inputRef.current?.focus();
      return;
    }
    try {
      const cart = await apply.mutateAsync(trimmed);
      setCode('');
      setStatus(`Code ${cart.coupon?.code ?? trimmed} applied.`);
    } catch (cause) {
      // Focus goes back to the field, whose description is the error: screen readers read both.
      setError(describeCouponError(cause));
      inputRef.current?.focus();
    }
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void applyCode(code);
  }

  return (
    <div className="flex flex-col gap-3">
      <form noValidate onSubmit={submit} className="flex items-start gap-2">
        <Input
          ref={inputRef}
          label="Discount code"
          name="code"
          value={code}
          onChange={(event) => setCode(event.target.value)}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          containerClassName="flex-1"
          error={error}
        />
        <Button type="submit" variant="secondary" className="mt-7" isLoading={apply.isPending}>
          Apply
        </Button>
      </form>
      <PersonalCoupons isApplying={apply.isPending} onApply={(personal) => void applyCode(personal)} />
      <p role="status" className="sr-only">
        {status}
      </p>
    </div>
  );
}
