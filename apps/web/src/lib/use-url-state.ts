import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';

/**
 * Screen state kept in the URL's query string (shareable, bookmarkable, back/forward and reload keep it). Each change
 * is a new history entry; the scroll position is kept so filtering does not jump the page to the top.
 *
 * The state is the URL's own, with no optimistic copy: the runtime (Preact through preact/compat) has no concurrent
 * rendering, so the router's update of the URL renders in microtasks of the very event that changed it, before the
 * browser handles the next input. A controlled checkbox or select never shows its old value in between (the
 * CPU-throttled catalog journey in e2e/src/catalog.e2e.test.ts checks that).
 */
export function useUrlState<State, Change>(
  parse: (params: URLSearchParams) => State,
  toParams: (state: State, change: Change) => URLSearchParams,
): [State, (change: Change) => void] {
  const [params, setParams] = useSearchParams();
  const state = useMemo(() => parse(params), [parse, params]);
  const update = useCallback(
    (change: Change) => {
      setParams(toParams(state, change), { preventScrollReset: true });
    },
    [toParams, setParams, state],
  );
  return [state, update];
}
