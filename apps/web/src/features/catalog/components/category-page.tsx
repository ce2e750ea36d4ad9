import { useParams } from 'react-router';
import { EmptyState } from '../../../components/ui/empty-state.js';
import { useDocumentTitle } from '../../../hooks/use-document-title.js';

/** `/c/:slug`. Placeholder: the catalog feature loads the category and its products. */
export function CategoryPage() {
  const { slug = '' } = useParams();
  useDocumentTitle(slug);
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-bold tracking-tight">Category: {slug}</h1>
      <EmptyState title="No products in this category yet" />
    </div>
  );
}
