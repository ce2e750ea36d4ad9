import type { TOutboxMessage } from '@mercato/shared';
import { cn } from '../../../../lib/cn.js';
import { EmailHtmlFrame } from './email-html-frame.js';

type TView = 'html' | 'text';

interface EmailBodyProps {
  email: TOutboxMessage;
  view: TView;
  onViewChange: (view: TView) => void;
}

const VIEWS: readonly { value: TView; label: string }[] = [
  { value: 'html', label: 'HTML' },
  { value: 'text', label: 'Plain text' },
];

/** Shown instead of a body the retention sweep purged (`MAIL_BODY_RETENTION_DAYS` after delivery). */
function PurgedBody() {
  return (
    <p className="rounded-md border border-slate-200 bg-slate-50 p-4 text-sm text-slate-700">
      The content of this email was deleted after the retention period; the delivery record remains.
    </p>
  );
}

function ViewedBody({ email, view }: { email: TOutboxMessage; view: TView }) {
  const body = view === 'html' ? email.html : email.text;
  if (body === null) return <PurgedBody />;
  if (view === 'html') return <EmailHtmlFrame html={body} title={`Email: ${email.subject}`} />;
  return (
    <pre className="overflow-x-auto rounded-md border border-slate-200 bg-white p-4 font-mono text-sm break-words whitespace-pre-wrap text-slate-900">
      {body}
    </pre>
  );
}

/**
 * The email as its recipient sees it (sanitised HTML) or its plain-text version, with a switch between them; once
 * the body was purged, a notice instead.
 */
export function EmailBody({ email, view, onViewChange }: EmailBodyProps) {
  if (email.html === null && email.text === null) {
    return (
      <section aria-label="Email content" className="flex flex-col gap-3">
        <PurgedBody />
      </section>
    );
  }
  return (
    <section aria-label="Email content" className="flex flex-col gap-3">
      <div
        role="group"
        aria-label="Show as"
        className="inline-flex self-start rounded-md border border-slate-300 p-0.5"
      >
        {VIEWS.map((option) => (
          <button
            key={option.value}
            type="button"
            aria-pressed={view === option.value}
            onClick={() => onViewChange(option.value)}
            className={cn(
              'rounded px-3 py-1.5 text-sm font-medium',
              view === option.value ? 'bg-slate-900 text-white' : 'text-slate-700 hover:bg-slate-100',
            )}
          >
            {option.label}
          </button>
        ))}
      </div>
      <ViewedBody email={email} view={view} />
    </section>
  );
}
