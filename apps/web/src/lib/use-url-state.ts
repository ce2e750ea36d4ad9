import { startTransition, useCallback, useMemo, useOptimistic } from 'react';
import { useSearchParams } from 'react-router';

/**
 * Screen state kept in the URL's query string (shareable, bookmarkable, back/forward and reload keep it). Each change
 * is a new history entry; the scroll position is kept so filtering does not jump the page to the top.
 *
 * The router renders URL changes in a transition, which a busy device may land a moment later; until then a
 * controlled checkbox or select bound to the URL alone would snap back to its old value. The state returned is
 * optimistic: the change shows at once (parsed from the very query string the URL will get) and gives way to the
 * URL's own state when the transition lands.
 */
export function useUrlState<State, Change>(
  parse: (params: URLSearchParams) => State,
  toParams: (state: State, change: Change) => URLSearchParams,
): [State, (change: Change) => void] {
  const [params, setParams] = useSearchParams();
  const state = useMemo(() => parse(params), [parse, params]);
  const [shown, setShown] = useOptimistic(state);
  const update = useCallback(
    (change: Change) => {
      const next = toParams(shown, change);
      startTransition(() => {
        setShown(parse(next));
        setParams(next, { preventScrollReset: true });
      });
    },
    [parse, toParams, setParams, setShown, shown],
  );
  return [shown, update];
}
