import { useEffect } from 'react';
import { anyUnsavedChanges } from '../posts/editor-slice';
import { anyUnsavedProfile } from '../profile/profile-slice';
import { useAppSelector } from '../store/hooks';
import type { RootState } from '../store/store';

/** Whether any edit the creator has not saved (a post, a profile, in any account) would go with the window. */
export const anyUnsavedEdits = (state: RootState): boolean =>
  anyUnsavedChanges(state.postEditor) || anyUnsavedProfile(state.profile);

/**
 * While any post or profile has unsaved changes, closing or reloading the window asks first (the browser's
 * own question in browser mode; the main process asks in Electron, on `will-prevent-unload`).
 */
export function useUnsavedChangesGuard(): void {
  const unsaved = useAppSelector(anyUnsavedEdits);
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
