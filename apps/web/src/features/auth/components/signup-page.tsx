import { Link } from 'react-router';
import { EmptyState } from '../../../components/ui/empty-state.js';
import { useDocumentTitle } from '../../../hooks/use-document-title.js';

/** `/signup`. Placeholder: the auth feature adds the registration form. */
export function SignupPage() {
  useDocumentTitle('Create account');
  return (
    <div className="mx-auto flex w-full max-w-md flex-col gap-6">
      <h1 className="text-2xl font-bold tracking-tight">Create an account</h1>
      <EmptyState title="Sign-up is coming soon" />
      <p className="text-sm text-slate-700">
        Already have an account?{' '}
        <Link to="/login" className="font-medium text-brand-700 underline underline-offset-2">
          Sign in
        </Link>
      </p>
    </div>
  );
}
