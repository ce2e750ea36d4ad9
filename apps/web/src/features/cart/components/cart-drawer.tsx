import { lazy, Suspense, useEffect, useRef, type MouseEvent } from 'react';
import { useLocation } from 'react-router';
import { useStore } from 'zustand';
import { Button } from '../../../components/ui/button.js';
import { CloseIcon } from '../../../components/ui/icons.js';
import { Spinner } from '../../../components/ui/spinner.js';
import { cartDrawerStore, closeCartDrawer } from '../stores/cart-drawer-store.js';

// The lines, totals and checkout link load when the drawer first opens: most page views never open it, and the
// storefront's first-load bundle has a budget (src/bundle-budget.test.ts).
const CartDrawerBody = lazy(() =>
  import('./cart-drawer-body.js').then(({ CartDrawerBody }) => ({ default: CartDrawerBody })),
);

/**
 * The cart as a side panel, opened by add-to-cart. A native modal `<dialog>`: the page behind is inert (focus stays
 * inside), Escape closes it, and focus returns to the button that opened it. Mounted once in the storefront layout.
 */
export function CartDrawer() {
  const { isOpen, lastAdded } = useStore(cartDrawerStore);
  const dialogRef = useRef<HTMLDialogElement>(null);
  const returnFocusRef = useRef<HTMLElement | null>(null);
  const { pathname } = useLocation();

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (isOpen && !dialog.open) {
      returnFocusRef.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      dialog.showModal();
    } else if (!isOpen && dialog.open) {
      dialog.close();
    }
  }, [isOpen]);

  // Following a link inside the drawer (View cart, a product) navigates: the drawer closes with it.
  useEffect(() => closeCartDrawer(), [pathname]);

  function handleClose() {
    if (returnFocusRef.current?.isConnected) returnFocusRef.current.focus();
    returnFocusRef.current = null;
    closeCartDrawer();
  }

  function handleBackdropClick(event: MouseEvent<HTMLDialogElement>) {
    if (event.target === event.currentTarget) event.currentTarget.close();
  }

  return (
    <dialog
      ref={dialogRef}
      aria-labelledby="cart-drawer-title"
      onClose={handleClose}
      onClick={handleBackdropClick}
      className="fixed inset-y-0 right-0 left-auto m-0 h-dvh max-h-none w-full max-w-md bg-white p-0 text-slate-900 shadow-xl"
    >
      {isOpen && (
        <div className="flex h-full flex-col">
          <div className="flex items-center justify-between gap-4 border-b border-slate-200 px-4 py-3 sm:px-6">
            <h2 id="cart-drawer-title" className="text-lg font-semibold">
              Your cart
            </h2>
            <Button variant="ghost" size="icon" aria-label="Close cart" onClick={() => dialogRef.current?.close()}>
              <CloseIcon />
            </Button>
          </div>
          <Suspense
            fallback={
              <div className="flex flex-1 items-center justify-center text-brand-700">
                <Spinner label="Loading your cart" />
              </div>
            }
          >
            <CartDrawerBody lastAdded={lastAdded} onNavigate={() => dialogRef.current?.close()} />
          </Suspense>
        </div>
      )}
    </dialog>
  );
}
