import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { ToastProvider } from '../components/ui/toast-provider.js';
import '../index.css';
import { UiGallery } from './ui-gallery.js';

// A page with every UI primitive, for development (`vite` → /src/ui-gallery/) and for the browser test, which adds
// it to its own build. It is not an input of the production build.
const container = document.getElementById('root');
if (!container) throw new Error('missing #root');
const router = createMemoryRouter([{ path: '*', Component: UiGallery }]);

createRoot(container).render(
  <StrictMode>
    <ToastProvider>
      <RouterProvider router={router} />
    </ToastProvider>
  </StrictMode>,
);
