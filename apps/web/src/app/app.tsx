import { RouterProvider } from 'react-router/dom';
import { startAuthSession } from '../features/auth/session/session-controller.js';
import { connectCartToSession } from './cart-session.js';
import { AppProvider } from './provider.js';
import { createAppRouter } from './router.js';

// Before the first render: a reload starts "pending" (skeletons) rather than flashing the signed-out header.
startAuthSession();
connectCartToSession();
const router = createAppRouter();

/** The whole app: providers around the router. */
export function App() {
  return (
    <AppProvider>
      <RouterProvider router={router} />
    </AppProvider>
  );
}
