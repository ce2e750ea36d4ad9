import { Link } from 'react-router';
import { buttonClasses } from '../../components/ui/button-styles.js';
import { useDocumentTitle } from '../../hooks/use-document-title.js';

/** Any path no route matches (and 404 route errors). */
export function NotFoundPage() {
  useDocumentTitle('Page not found');
  return (
    <div className="mx-auto flex max-w-xl flex-col items-center gap-4 py-16 text-center">
      <p className="text-sm font-semibold text-brand-700">404</p>
      <h1 className="text-3xl font-bold tracking-tight">Page not found</h1>
      <p className="text-slate-700">The page you are looking for does not exist or has moved.</p>
      <div className="flex flex-wrap justify-center gap-3">
        <Link to="/" className={buttonClasses()}>
          Go to the home page
        </Link>
        <Link to="/search" className={buttonClasses({ variant: 'secondary' })}>
          Browse products
        </Link>
      </div>
    </div>
  );
}
