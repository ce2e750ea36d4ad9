import { useSession } from '../../features/auth/hooks/use-session.js';
import { CheckoutPage } from '../../features/checkout/components/checkout-page.js';

/** `/checkout` with the signed-in shopper's name prefilled in the address (auth and checkout composed here). */
export function CheckoutRoute() {
  const { user } = useSession();
  return <CheckoutPage defaultName={user?.name} />;
}
