import { useEffect, type RefObject } from 'react';

/**
 * While `isOpen`, calls `onDismiss` on Escape or on a pointer press outside `containerRef` (menus, popovers).
 * Escape also returns focus to `returnFocusRef` so keyboard users are not dropped at the top of the page.
 */
export function useDismiss(
  isOpen: boolean,
  onDismiss: () => void,
  containerRef: RefObject<HTMLElement | null>,
  returnFocusRef?: RefObject<HTMLElement | null>,
): void {
  useEffect(() => {
    if (!isOpen) return;
    function handlePointerDown(event: PointerEvent) {
      if (event.target instanceof Node && !containerRef.current?.contains(event.target)) onDismiss();
    }
    function handleKeyDown(event: KeyboardEvent) {
      if (event.key !== 'Escape') return;
      onDismiss();
      returnFocusRef?.current?.focus();
    }
    document.addEventListener('pointerdown', handlePointerDown);
    document.addEventListener('keydown', handleKeyDown);
    return () => {
      document.removeEventListener('pointerdown', handlePointerDown);
      document.removeEventListener('keydown', handleKeyDown);
    };
  }, [isOpen, onDismiss, containerRef, returnFocusRef]);
}
