import { Link } from 'react-router';
import { Skeleton } from '../../../components/ui/skeleton.js';
import { useCategories } from '../api/list-categories.js';
import { ProductImage } from './product-image.js';

const GRID = 'grid grid-cols-2 gap-4 sm:grid-cols-3 lg:grid-cols-6';
const SIZES = '(min-width: 1024px) 200px, (min-width: 640px) 33vw, 50vw';

/** Home page section: every category with its image and product count. Hidden if there are none or they failed. */
export function CategoryGrid() {
  const categories = useCategories();
  if (categories.isError || categories.data?.items.length === 0) return null;
  return (
    <section aria-labelledby="categories-title" className="flex flex-col gap-6">
      <h2 id="categories-title" className="text-2xl font-bold tracking-tight">
        Shop by category
      </h2>
      {categories.data ? (
        <ul className={GRID}>
          {categories.data.items.map((category) => (
            <li key={category.id}>
              <Link to={`/c/${category.slug}`} className="group flex flex-col gap-2">
                <ProductImage
                  image={category.image}
                  sizes={SIZES}
                  alt=""
                  className="aspect-square w-full rounded-lg transition-opacity group-hover:opacity-90"
                />
                <span className="font-medium text-slate-900 group-hover:underline">{category.name}</span>
                <span className="text-sm text-slate-600">
                  {category.productCount === 1 ? '1 product' : `${category.productCount} products`}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      ) : (
        <div aria-hidden="true" className={GRID}>
          {Array.from({ length: 6 }, (_, index) => (
            <div key={index} className="flex flex-col gap-2">
              <Skeleton className="aspect-square w-full rounded-lg" />
              <Skeleton className="h-4 w-2/3" />
            </div>
          ))}
        </div>
      )}
    </section>
  );
}
