import { Link, Navigate, useLocation, useNavigate, useSearchParams } from 'react-router';
import { useDocumentTitle } from '../../../hooks/use-document-title.js';
import { useSession } from '../hooks/use-session.js';
import { sanitizeNextPath } from '../utils/next-path.js';
import { AuthLayout, TEXT_LINK } from './auth-layout.js';
import { FormAlert } from './form-alert.js';
import { LoginForm } from './login-form.js';

/** A message another page leaves for this one in the navigation state (e.g. after a password reset). */
function noticeFrom(state: unknown): string | undefined {
  if (typeof state !== 'object' || state === null || !('notice' in state)) return undefined;
  return typeof state.notice === 'string' ? state.notice : undefined;
}

/** `/login?next=/path`: signs in, then returns to `next` (same-site paths only) or the home page. */
export function LoginPage() {
  useDocumentTitle('Sign in');
  const [searchParams] = useSearchParams();
  const next = sanitizeNextPath(searchParams.get('next'));
  const location = useLocation();
  const navigate = useNavigate();
  const { isSignedIn } = useSession();

  if (isSignedIn) return <Navigate to={next} replace />;

  return (
    <AuthLayout
      title="Sign in"
      footer={
        <p>
          New here?{' '}
          <Link to="/signup" className={TEXT_LINK}>
            Create an account
          </Link>
        </p>
      }
    >
      <div className="flex flex-col gap-5">
        <FormAlert tone="success" message={noticeFrom(location.state)} />
        <LoginForm onSignedIn={() => void navigate(next, { replace: true })} />
      </div>
    </AuthLayout>
  );
}
