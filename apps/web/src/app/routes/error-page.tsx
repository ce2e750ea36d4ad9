import { isRouteErrorResponse, useRouteError } from 'react-router';
import { Button } from '../../components/ui/button.js';
import { buttonClasses } from '../../components/ui/button-styles.js';
import { useDocumentTitle } from '../../hooks/use-document-title.js';
import { ApiError } from '../../lib/api-error.js';
import { NotFoundPage } from './not-found.js';

// Browsers word a failed lazy chunk differently; all of them mean "this tab runs an outdated build".
const STALE_CHUNK = /dynamically imported module|importing a module script failed|error loading dynamically/i;

/** Error boundary of a route. Details (message, stack) are rendered in development builds only. */
export function RouteErrorPage() {
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFoundPage />;
  return <ErrorContent error={error} />;
}

/** Error boundary of a top-level route: the layout itself failed, so this page brings its own <main>. */
export function RootErrorPage() {
  return (
    <main id="main" className="mx-auto w-full max-w-7xl px-4 py-8">
      <RouteErrorPage />
    </main>
  );
}

function ErrorContent({ error }: { error: unknown }) {
  const isStaleBuild = error instanceof Error && STALE_CHUNK.test(error.message);
  const title = isStaleBuild ? 'A new version of Mercato is available' : 'Something went wrong';
  const requestId = error instanceof ApiError ? error.requestId : undefined;
  useDocumentTitle(title);
  return (
    <div className="mx-auto flex max-w-xl flex-col items-center gap-4 py-16 text-center">
      <h1 className="text-3xl font-bold tracking-tight">{title}</h1>
      <p className="text-slate-700">
        {isStaleBuild
          ? 'Reload the page to continue with the latest version.'
          : 'Sorry, this page could not be shown. Please try again in a moment.'}
      </p>
      {requestId && (
        <p className="text-sm text-slate-600">
          Reference for support: <code className="font-mono">{requestId}</code>
        </p>
      )}
      <div className="flex flex-wrap justify-center gap-3">
        <Button onClick={() => window.location.reload()}>Reload the page</Button>
        <a href="/" className={buttonClasses({ variant: 'secondary' })}>
          Go to the home page
        </a>
      </div>
      {import.meta.env.DEV && (
        <details className="w-full text-left text-sm">
          <summary className="cursor-pointer font-medium">Error details (development builds only)</summary>
          <pre className="mt-2 overflow-x-auto rounded-md bg-slate-100 p-3 text-xs whitespace-pre-wrap">
            {error instanceof Error ? (error.stack ?? error.message) : JSON.stringify(error, null, 2)}
          </pre>
        </details>
      )}
    </div>
  );
}
