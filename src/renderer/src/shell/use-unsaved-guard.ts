import { useEffect } from 'react';
import { anyUnsavedChanges } from '../posts/editor-slice';
import { useAppSelector } from '../store/hooks';

/**
 * While any post has unsaved changes, closing or reloading the window asks first (the browser's own
 * question in browser mode; the main process asks in Electron, on `will-prevent-unload`).
 */
export function useUnsavedChangesGuard(): void {
  const unsaved = useAppSelector((state) => anyUnsavedChanges(state.postEditor));
  useEffect(() => {
    if (!unsaved) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Older browsers and Electron look at returnValue rather than preventDefault.
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [unsaved]);
}
