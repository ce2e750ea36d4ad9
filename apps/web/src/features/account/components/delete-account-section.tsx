import { useId } from 'react';
import { ERASED_DATA } from '../utils/privacy-copy.js';
import { DeleteAccountForm } from './delete-account-form.js';

/** What deleting the account removes and keeps, then the form that does it; set apart in red as the one-way action. */
export function DeleteAccountSection({ onErased }: { onErased: () => void }) {
  const headingId = useId();
  return (
    <section
      aria-labelledby={headingId}
      className="flex flex-col gap-5 rounded-lg border border-red-200 bg-white p-5 shadow-xs sm:p-6"
    >
      <div className="flex flex-col gap-1">
        <h2 id={headingId} className="text-lg font-semibold text-red-800">
          Delete your account
        </h2>
        <p className="text-sm text-slate-700">This cannot be undone. Download your data first if you want a copy.</p>
      </div>
      <div className="grid gap-5 text-sm text-slate-700 md:grid-cols-2">
        <div className="flex flex-col gap-2">
          <h3 className="font-semibold text-slate-900">Deleted at once</h3>
          <ul className="flex list-disc flex-col gap-1 pl-5">
            {ERASED_DATA.map((item) => (
              <li key={item}>{item}</li>
            ))}
          </ul>
        </div>
        <div className="flex flex-col gap-2">
          <h3 className="font-semibold text-slate-900">Kept, without your details</h3>
          <p>
            Your orders stay in the shop’s accounts: amounts, items and dates remain for bookkeeping, while your name,
            email address, postal address and phone number are removed from them.
          </p>
        </div>
      </div>
      <DeleteAccountForm onErased={onErased} />
    </section>
  );
}
