import { EmptyState } from '../../../components/ui/empty-state.js';
import { useDocumentTitle } from '../../../hooks/use-document-title.js';

/** `/account/*`. Placeholder: the account feature adds profile, addresses, sessions, data export and erasure. */
export function AccountPage() {
  useDocumentTitle('Your account');
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-bold tracking-tight">Your account</h1>
      <EmptyState title="Account settings are coming soon" />
    </div>
  );
}
