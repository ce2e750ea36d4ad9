import { useEffect, useRef } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Button } from '../../../components/ui/button.js';
import { buttonClasses } from '../../../components/ui/button-styles.js';
import { Spinner } from '../../../components/ui/spinner.js';
import { useDocumentTitle } from '../../../hooks/use-document-title.js';
import { ApiError } from '../../../lib/api-error.js';
import { useVerifyEmail } from '../api/verify-email.js';
import { AuthLayout } from './auth-layout.js';
import { StatusPanel } from './status-panel.js';

function isBadLink(error: unknown): boolean {
  return error instanceof ApiError && (error.code === 'TOKEN_INVALID' || error.code === 'VALIDATION_FAILED');
}

/** `/verify-email?token=…` (the link in the signup email): confirms the address and signs the user in. */
export function VerifyEmailPage() {
  useDocumentTitle('Confirm your email');
  const [searchParams] = useSearchParams();
  const token = searchParams.get('token') ?? '';
  const { mutate, status, data, error } = useVerifyEmail();
  // The token works once: a re-render (or React's development double effect) must not send it again.
  const sentFor = useRef<string | null>(null);

  useEffect(() => {
    if (!token || sentFor.current === token) return;
    sentFor.current = token;
    mutate(token);
  }, [token, mutate]);

  let content;
  if (!token || (status === 'error' && isBadLink(error))) {
    content = (
      <StatusPanel
        title="This link does not work"
        actions={
          <>
            <Link to="/login" className={buttonClasses()}>
              Sign in
            </Link>
            <Link to="/signup" className={buttonClasses({ variant: 'secondary' })}>
              Sign up again
            </Link>
          </>
        }
      >
        <p>It may have expired, been used already, or been copied incompletely.</p>
        <p>If you already confirmed your email, just sign in.</p>
      </StatusPanel>
    );
  } else if (status === 'error') {
    content = (
      <StatusPanel
        title="We could not confirm your email"
        actions={<Button onClick={() => mutate(token)}>Try again</Button>}
      >
        <p>{error.message}</p>
      </StatusPanel>
    );
  } else if (status === 'success') {
    content = (
      <StatusPanel
        title="Your email is confirmed"
        actions={
          <>
            <Link to="/" className={buttonClasses()}>
              Start shopping
            </Link>
            <Link to="/account" className={buttonClasses({ variant: 'secondary' })}>
              Your account
            </Link>
          </>
        }
      >
        <p>Welcome, {data.user.name}. You are signed in.</p>
      </StatusPanel>
    );
  } else {
    content = (
      <div className="flex justify-center py-6 text-brand-700">
        <Spinner size="lg" label="Confirming your email" />
      </div>
    );
  }

  return <AuthLayout title="Confirm your email">{content}</AuthLayout>;
}
