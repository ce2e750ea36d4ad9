import type { TCoupon } from '@mercato/shared';
import { useState } from 'react';
import { Button } from '../../../../components/ui/button.js';
import { EmptyState } from '../../../../components/ui/empty-state.js';
import { Pagination } from '../../../../components/ui/pagination.js';
import { Skeleton } from '../../../../components/ui/skeleton.js';
import { useToast } from '../../../../components/ui/toast-context.js';
import { useDocumentTitle } from '../../../../hooks/use-document-title.js';
import { useStoreCurrency } from '../../../../lib/store-info.js';
import { AdminQueryError } from '../../orders/components/admin-query-error.js';
import { useCoupons } from '../api/list-coupons.js';
import { useUpdateCoupon } from '../api/update-coupon.js';
import { useCouponsParams } from '../hooks/use-coupons-params.js';
import { CouponFormDialog } from './coupon-form-dialog.js';
import { CouponsTable } from './coupons-table.js';
import { CouponsToolbar } from './coupons-toolbar.js';

/** `/admin/coupons`: codes with usage counts; create, edit, deactivate (URL keeps search, source and page). */
export function CouponsPage() {
  useDocumentTitle('Coupons · Admin');
  const [state, update] = useCouponsParams();
  const coupons = useCoupons(state);
  const currency = useStoreCurrency();
  const toggle = useUpdateCoupon();
  const toast = useToast();
  // `round` remounts the form for every opening, so it starts from the coupon being edited.
  const [editor, setEditor] = useState<{ coupon: TCoupon | null; round: number; open: boolean }>({
    coupon: null,
    round: 0,
    open: false,
  });
  const openEditor = (coupon: TCoupon | null) =>
    setEditor((current) => ({ coupon, round: current.round + 1, open: true }));
  const closeEditor = () => setEditor((current) => ({ ...current, open: false }));
  const data = coupons.data;

  function toggleActive(coupon: TCoupon) {
    toggle.mutate(
      { id: coupon.id, patch: { active: !coupon.active } },
      {
        onSuccess: (saved) =>
          toast.show({ title: `${saved.code} ${saved.active ? 'activated' : 'deactivated'}`, tone: 'success' }),
        onError: (error) =>
          toast.show({ title: 'Could not change the coupon', description: error.message, tone: 'error' }),
      },
    );
  }

  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap items-center justify-between gap-4">
        <h1 className="text-2xl font-bold tracking-tight">Coupons</h1>
        <Button onClick={() => openEditor(null)} disabled={!currency}>
          New coupon
        </Button>
      </div>
      <CouponsToolbar state={state} onChange={update} />
      {coupons.isError && !data ? (
        <AdminQueryError error={coupons.error} onRetry={() => void coupons.refetch()} what="coupon list" />
      ) : !data || !currency ? (
        <Skeleton className="h-64 w-full" />
      ) : data.items.length === 0 ? (
        <EmptyState title={state.q ? 'No codes start with that' : 'No coupons yet'} />
      ) : (
        <CouponsTable
          coupons={data.items}
          currency={currency.currency}
          now={coupons.dataUpdatedAt}
          busyId={toggle.isPending ? toggle.variables.id : null}
          onEdit={openEditor}
          onToggleActive={toggleActive}
        />
      )}
      {data && (
        <Pagination
          page={data.pageInfo.page}
          pageCount={data.pageInfo.totalPages}
          onPageChange={(page) => update({ page })}
          label="Coupon pages"
        />
      )}
      {currency && (
        <CouponFormDialog
          key={editor.round}
          coupon={editor.coupon}
          open={editor.open}
          currency={currency.currency}
          digits={currency.digits}
          onClose={closeEditor}
          onSaved={(saved) => {
            closeEditor();
            toast.show({ title: `${saved.code} saved`, tone: 'success' });
          }}
        />
      )}
    </div>
  );
}
