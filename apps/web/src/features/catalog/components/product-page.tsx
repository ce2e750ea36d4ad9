import { useParams } from 'react-router';
import { EmptyState } from '../../../components/ui/empty-state.js';
import { useDocumentTitle } from '../../../hooks/use-document-title.js';

/** `/p/:slug`. Placeholder: the catalog feature renders images, price, stock and add-to-cart. */
export function ProductPage() {
  const { slug = '' } = useParams();
  useDocumentTitle(slug);
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-bold tracking-tight">Product: {slug}</h1>
      <EmptyState title="Product details are on their way" />
    </div>
  );
}
