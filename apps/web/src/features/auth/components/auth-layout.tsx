import type { ReactNode } from 'react';

export const TEXT_LINK = 'font-medium text-brand-700 underline underline-offset-2 hover:text-brand-800';

interface AuthLayoutProps {
  /** The page's one h1. */
  title: ReactNode;
  description?: ReactNode;
  /** Links under the card ("New here? Create an account"). */
  footer?: ReactNode;
  children: ReactNode;
}

/** The narrow centred card every sign-in, sign-up and password page uses; full width on phones. */
export function AuthLayout({ title, description, footer, children }: AuthLayoutProps) {
  return (
    <div className="mx-auto flex w-full max-w-md flex-col gap-6 sm:py-6">
      <div className="flex flex-col gap-2">
        <h1 className="text-2xl font-bold tracking-tight text-slate-900">{title}</h1>
        {description && <p className="text-slate-700">{description}</p>}
      </div>
      <div className="rounded-lg border border-slate-200 bg-white p-5 shadow-xs sm:p-8">{children}</div>
      {footer && <div className="flex flex-col gap-2 text-sm text-slate-700">{footer}</div>}
    </div>
  );
}
