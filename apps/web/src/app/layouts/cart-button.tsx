import { Link } from 'react-router';
import { Badge } from '../../components/ui/badge.js';
import { buttonClasses } from '../../components/ui/button-styles.js';
import { CartIcon } from '../../components/ui/icons.js';
import { useCartSummary } from '../../features/cart/hooks/use-cart-summary.js';

/** Header cart link; its accessible name carries the count ("Cart, 2 items") because the badge is visual only. */
export function CartButton() {
  const { itemCount } = useCartSummary();
  const label = `Cart, ${itemCount} ${itemCount === 1 ? 'item' : 'items'}`;
  return (
    <Link
      to="/cart"
      aria-label={label}
      className={buttonClasses({ variant: 'ghost', size: 'icon', className: 'relative' })}
    >
      <CartIcon className="size-6" />
      {itemCount > 0 && (
        <Badge tone="brand" className="absolute -top-0.5 -right-0.5 min-w-5 justify-center px-1">
          {itemCount > 99 ? '99+' : itemCount}
        </Badge>
      )}
    </Link>
  );
}
