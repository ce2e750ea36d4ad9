import { EmptyState } from '../../../components/ui/empty-state.js';
import { useDocumentTitle } from '../../../hooks/use-document-title.js';

/** Placeholder for an admin section (Products, Orders, …) until its screen is built; each gets its own page then. */
export function AdminSectionPage({ title }: { title: string }) {
  useDocumentTitle(`${title} · Admin`);
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-bold tracking-tight">{title}</h1>
      <EmptyState title={`${title} management is coming soon`} />
    </div>
  );
}
