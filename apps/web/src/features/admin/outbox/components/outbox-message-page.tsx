import { Link, useLocation, useParams, useSearchParams } from 'react-router';
import { Skeleton } from '../../../../components/ui/skeleton.js';
import { useDocumentTitle } from '../../../../hooks/use-document-title.js';
import { ApiError } from '../../../../lib/api-error.js';
import { useOutboxMessage } from '../api/get-outbox-message.js';
import { EmailBody } from './email-body.js';
import { MailDate, MailStatusBadge } from './mail-status-badge.js';

function listSearchFrom(state: unknown): string {
  if (typeof state !== 'object' || state === null || !('listSearch' in state)) return '';
  return typeof state.listSearch === 'string' && state.listSearch ? `?${state.listSearch}` : '';
}

/** `/admin/outbox/:id?view=html|text`: one email, its details and its body (safe HTML or plain text). */
export function OutboxMessagePage() {
  const { id = '' } = useParams();
  const location = useLocation();
  const [searchParams, setSearchParams] = useSearchParams();
  const view = searchParams.get('view') === 'text' ? 'text' : 'html';
  const message = useOutboxMessage(id);
  useDocumentTitle(`${message.data?.subject ?? 'Email'} · Outbox · Admin`);

  const back = (
    <Link
      to={`/admin/outbox${listSearchFrom(location.state)}`}
      className="self-start text-sm font-medium text-brand-700 hover:underline"
    >
      ← Back to the outbox
    </Link>
  );

  if (message.isPending) {
    return (
      <div aria-busy="true" className="flex flex-col gap-4">
        {back}
        <Skeleton className="h-8 w-2/3" />
        <Skeleton className="h-20 w-full" />
        <Skeleton className="h-96 w-full" />
      </div>
    );
  }
  if (message.isError) {
    const { error } = message;
    const isMissing = error instanceof ApiError && (error.status === 404 || error.status === 400);
    return (
      <div className="flex flex-col gap-4">
        {back}
        <h1 className="text-2xl font-bold tracking-tight">{isMissing ? 'Email not found' : 'Email unavailable'}</h1>
        <p role="alert" className="text-slate-700">
          {isMissing ? 'There is no email with this id; it may have been removed.' : error.message}
        </p>
      </div>
    );
  }

  const email = message.data;
  return (
    <div className="flex flex-col gap-6">
      {back}
      <h1 className="text-2xl font-bold tracking-tight break-words">{email.subject}</h1>
      <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-2 text-sm">
        <dt className="font-medium text-slate-600">To</dt>
        <dd className="break-all">{email.to}</dd>
        <dt className="font-medium text-slate-600">Tag</dt>
        <dd>
          <code className="text-xs">{email.tag}</code>
        </dd>
        <dt className="font-medium text-slate-600">Status</dt>
        <dd>
          <MailStatusBadge status={email.status} />
        </dd>
        <dt className="font-medium text-slate-600">Date</dt>
        <dd>
          <MailDate iso={email.createdAt} />
        </dd>
      </dl>
      <EmailBody
        email={email}
        view={view}
        onViewChange={(next) =>
          // Keeps the navigation state, so "Back to the outbox" still returns to the same filters and page.
          setSearchParams(next === 'text' ? { view: 'text' } : {}, { replace: true, state: location.state })
        }
      />
    </div>
  );
}
