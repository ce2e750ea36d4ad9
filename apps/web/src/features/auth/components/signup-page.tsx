import { useState } from 'react';
import { Link } from 'react-router';
import { Button } from '../../../components/ui/button.js';
import { useDocumentTitle } from '../../../hooks/use-document-title.js';
import { AuthLayout, TEXT_LINK } from './auth-layout.js';
import { DevOutboxHint } from './dev-outbox-hint.js';
import { SignupForm } from './signup-form.js';
import { StatusPanel } from './status-panel.js';

/** `/signup`: the form, then "check your email" (the account works once the link in that email is opened). */
export function SignupPage() {
  useDocumentTitle('Create account');
  const [sentTo, setSentTo] = useState<string | null>(null);

  return (
    <AuthLayout
      title="Create an account"
      footer={
        <p>
          Already have an account?{' '}
          <Link to="/login" className={TEXT_LINK}>
            Sign in
          </Link>
        </p>
      }
    >
      {sentTo === null ? (
        <SignupForm onSent={setSentTo} />
      ) : (
        <StatusPanel
          title="Check your email"
          actions={
            <Button variant="secondary" onClick={() => setSentTo(null)}>
              Use another email
            </Button>
          }
        >
          <p>
            We sent a message to <strong className="break-all text-slate-900">{sentTo}</strong>. Open the link in it
            within 24 hours to confirm your address; you will be signed in straight away.
          </p>
          <p className="text-sm">Nothing there after a few minutes? Check your spam folder.</p>
          <DevOutboxHint />
        </StatusPanel>
      )}
    </AuthLayout>
  );
}
