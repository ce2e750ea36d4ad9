import { useNavigation } from 'react-router';

/** Thin bar at the top while a navigation waits (lazy chunks, loaders), so slow clicks still get feedback. */
export function NavigationProgress() {
  const navigation = useNavigation();
  if (navigation.state === 'idle') return null;
  return (
    <div
      role="progressbar"
      aria-label="Loading page"
      className="fixed inset-x-0 top-0 z-50 h-1 bg-brand-600 motion-safe:animate-pulse"
    />
  );
}
