import { Link } from 'react-router';
import { buttonClasses } from '../../../components/ui/button-styles.js';
import { useDocumentTitle } from '../../../hooks/use-document-title.js';

/** What a signed-in customer sees at /admin/*: a plain explanation and a way back, not an error. */
export function AdminForbiddenPage({ userName }: { userName?: string | undefined }) {
  useDocumentTitle('Staff only');
  return (
    <main
      id="main"
      className="mx-auto flex min-h-dvh max-w-xl flex-col items-center justify-center gap-4 px-4 text-center"
    >
      <p className="text-sm font-semibold text-brand-700">403</p>
      <h1 className="text-3xl font-bold tracking-tight">This area is for shop staff</h1>
      <p className="text-slate-700">
        {userName ? `You are signed in as ${userName}, ` : 'You are signed in '}
        with a customer account, which cannot open the admin dashboard.
      </p>
      <div className="flex flex-wrap justify-center gap-3">
        <Link to="/" className={buttonClasses()}>
          Back to the store
        </Link>
        <Link to="/account" className={buttonClasses({ variant: 'secondary' })}>
          Your account
        </Link>
      </div>
    </main>
  );
}
