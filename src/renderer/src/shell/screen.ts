import type { ComponentType } from 'react';
import type { RootState } from '../store/store';

/** One screen of the studio, as a feature declares it for the navigation. */
export interface ScreenDefinition {
  readonly id: string;
  readonly label: string;
  readonly Component: ComponentType;
  /** How many things on this screen wait for the creator (shown as a count next to its name). */
  readonly attention?: (state: RootState) => number;
  /** Whether this screen holds edits not saved yet (kept as drafts): marked "Unsaved" next to its name. */
  readonly unsaved?: (state: RootState) => boolean;
}
