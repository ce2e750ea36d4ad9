import { useEffect, useRef, type ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Button } from '../../../components/ui/button.js';
import { buttonClasses } from '../../../components/ui/button-styles.js';
import { useDocumentTitle } from '../../../hooks/use-document-title.js';
import { ApiError } from '../../../lib/api-error.js';
import { useUnsubscribe } from '../api/unsubscribe.js';

const TEXT_LINK = 'font-medium text-brand-700 underline underline-offset-2 hover:text-brand-800';

/** The API refused the token itself (tampered, cut short, from another shop), not a passing failure. */
function isBadLink(error: unknown): boolean {
  return error instanceof ApiError && (error.code === 'VALIDATION_FAILED' || error.code === 'BAD_REQUEST');
}

/** The outcome replaces the explanation; focus goes to its heading so it is read out and the keyboard starts there. */
function Outcome({ title, children }: { title: string; children: ReactNode }) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  return (
    <div className="flex flex-col gap-3">
      <h2 ref={headingRef} tabIndex={-1} className="text-lg font-semibold text-slate-900 focus:outline-none">
        {title}
      </h2>
      {children}
    </div>
  );
}

/**
 * `/unsubscribe?token=…` (the link in offer emails). Works without signing in. Nothing is sent until the button is
 * pressed: mail scanners open links to check them, and must not unsubscribe anyone by doing so.
 */
export function UnsubscribePage() {
  useDocumentTitle('Unsubscribe');
  const [searchParams] = useSearchParams();
  const token = searchParams.get('token') ?? '';
  const { mutate, status, error } = useUnsubscribe();

  let content;
  if (!token || (status === 'error' && isBadLink(error))) {
    content = (
      <Outcome title="This unsubscribe link does not work">
        <p>
          It may have been copied incompletely: open it again from the email, or sign in and change the choice on your
          account’s{' '}
          <Link to="/account/privacy" className={TEXT_LINK}>
            Privacy and data
          </Link>{' '}
          page.
        </p>
      </Outcome>
    );
  } else if (status === 'success') {
    content = (
      <Outcome title="You are unsubscribed">
        <p>We will send you no more offers by email. Emails about your orders and your account still arrive.</p>
        <p>
          Changed your mind? You can choose again on your account’s{' '}
          <Link to="/account/privacy" className={TEXT_LINK}>
            Privacy and data
          </Link>{' '}
          page.
        </p>
        <Link to="/" className={buttonClasses({ variant: 'secondary', className: 'self-start' })}>
          Continue shopping
        </Link>
      </Outcome>
    );
  } else {
    content = (
      <div className="flex flex-col gap-4">
        <p>
          Press the button to stop receiving offers and personal discount codes by email. Emails about your orders and
          your account still arrive.
        </p>
        {status === 'error' && (
          <p role="alert" className="text-sm font-medium text-red-700">
            You are not unsubscribed yet: {error.message}
          </p>
        )}
        <Button className="self-start" isLoading={status === 'pending'} onClick={() => mutate(token)}>
          Unsubscribe
        </Button>
      </div>
    );
  }

  return (
    <div className="mx-auto flex w-full max-w-md flex-col gap-6 sm:py-6">
      <h1 className="text-2xl font-bold tracking-tight text-slate-900">Unsubscribe from offers</h1>
      <div className="rounded-lg border border-slate-200 bg-white p-5 text-slate-700 shadow-xs sm:p-8">{content}</div>
    </div>
  );
}
