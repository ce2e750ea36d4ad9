import { Link } from 'react-router';
import { buttonClasses } from '../../../components/ui/button-styles.js';
import { EmptyState } from '../../../components/ui/empty-state.js';
import { useDocumentTitle } from '../../../hooks/use-document-title.js';

/** The 404 of a product or category that does not exist (or is no longer sold), with ways to carry on shopping. */
export function CatalogNotFound({ what }: { what: 'product' | 'category' }) {
  const title = what === 'product' ? 'Product not found' : 'Category not found';
  useDocumentTitle(title);
  return (
    <EmptyState
      as="h1"
      title={title}
      description={
        what === 'product'
          ? 'This product does not exist or is no longer available.'
          : 'This category does not exist or has been renamed.'
      }
      action={
        <div className="flex flex-wrap justify-center gap-3">
          <Link to="/search" className={buttonClasses()}>
            Browse all products
          </Link>
          <Link to="/" className={buttonClasses({ variant: 'secondary' })}>
            Go to the home page
          </Link>
        </div>
      }
    />
  );
}
