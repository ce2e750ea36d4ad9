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

/** The email as its recipient sees it (sanitised HTML) or its plain-text version, with a switch between them. */
export function EmailBody({ email, view, onViewChange }: EmailBodyProps) {
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
      {view === 'html' ? (
        <EmailHtmlFrame html={email.html} title={`Email: ${email.subject}`} />
      ) : (
        <pre className="overflow-x-auto rounded-md border border-slate-200 bg-white p-4 font-mono text-sm break-words whitespace-pre-wrap text-slate-900">
          {email.text}
        </pre>
      )}
    </section>
  );
}
