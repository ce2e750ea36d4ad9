import { Link } from 'react-router';
import { EmptyState } from '../../../components/ui/empty-state.js';
import { useDocumentTitle } from '../../../hooks/use-document-title.js';

/** `/login`. Placeholder: the auth feature adds the form (react-hook-form + zod + applyApiErrorToForm). */
export function LoginPage() {
  useDocumentTitle('Sign in');
  return (
    <div className="mx-auto flex w-full max-w-md flex-col gap-6">
      <h1 className="text-2xl font-bold tracking-tight">Sign in</h1>
      <EmptyState title="Sign-in is coming soon" />
      <p className="text-sm text-slate-700">
        New here?{' '}
        <Link to="/signup" className="font-medium text-brand-700 underline underline-offset-2">
          Create an account
        </Link>
      </p>
    </div>
  );
}
