import { zodResolver } from '@hookform/resolvers/zod';
import type { TCoupon } from '@mercato/shared';
import { FormProvider, useForm, type Path } from 'react-hook-form';
import { Button } from '../../../../components/ui/button.js';
import { Dialog } from '../../../../components/ui/dialog.js';
import { applyApiErrorToForm } from '../../../../lib/form-errors.js';
import { useCreateCoupon } from '../api/create-coupon.js';
import { useUpdateCoupon } from '../api/update-coupon.js';
import {
  createCouponFormSchema,
  EMPTY_COUPON_FORM,
  fromCoupon,
  toCouponInput,
  toCouponPatch,
  type CouponFormValues,
} from '../lib/coupon-form.js';
import { CouponFields } from './coupon-fields.js';

export interface CouponFormDialogProps {
  /** The coupon being edited, or null to create one. */
  coupon: TCoupon | null;
  open: boolean;
  currency: string;
  digits: number;
  onClose: () => void;
  onSaved: (coupon: TCoupon) => void;
}

const FIELDS = Object.keys(EMPTY_COUPON_FORM) as Path<CouponFormValues>[];

/** Create or edit a coupon; client rules first, then the API's field errors on the same fields. */
export function CouponFormDialog({ coupon, open, currency, digits, onClose, onSaved }: CouponFormDialogProps) {
  const create = useCreateCoupon();
  const update = useUpdateCoupon();
  const form = useForm<CouponFormValues>({
    resolver: zodResolver(createCouponFormSchema(digits)),
    defaultValues: coupon ? fromCoupon(coupon, digits) : EMPTY_COUPON_FORM,
  });
  const { handleSubmit, setError, formState } = form;

  const submit = handleSubmit(async (values) => {
    try {
      const saved = coupon
        ? await update.mutateAsync({ id: coupon.id, patch: toCouponPatch(values, digits) })
        : await create.mutateAsync(toCouponInput(values, digits));
      onSaved(saved);
    } catch (error) {
      applyApiErrorToForm(error, setError, { fields: FIELDS });
    }
  });

  return (
    <Dialog
      open={open}
      onClose={onClose}
      size="lg"
      title={coupon ? `Edit ${coupon.code}` : 'New coupon'}
      footer={
        <>
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" form="coupon-form" isLoading={formState.isSubmitting}>
            {coupon ? 'Save changes' : 'Create coupon'}
          </Button>
        </>
      }
    >
      <FormProvider {...form}>
        <form id="coupon-form" noValidate onSubmit={submit} className="flex flex-col gap-4">
          <CouponFields currency={currency} isEdit={coupon !== null} />
          {formState.errors.root?.server && (
            <p role="alert" className="rounded-md bg-red-50 p-3 text-sm font-medium text-red-800">
              {formState.errors.root.server.message}
            </p>
          )}
        </form>
      </FormProvider>
    </Dialog>
  );
}
