// Entry of the lazily loaded listing chunk: category and search pages (filters, sorting, paging). The home and
// product pages, where most visits start, stay in the main bundle.
export { CategoryPage } from '../../features/catalog/components/category-page.js';
export { SearchPage } from '../../features/catalog/components/search-page.js';
