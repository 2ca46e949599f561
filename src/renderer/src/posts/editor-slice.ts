import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { LocalPost } from '@shared/domain/posts/local-post';
import {
  EMPTY_PICKER,
  pickerFromRule,
  withMode,
  type AccessMode,
  type AccessPickerState,
} from './access-picker';

/** The compose/edit form: a new post (`postId` null) or an existing one, with what has been typed so far. */
export interface EditorState {
  readonly postId: string | null;
  readonly title: string;
  readonly body: string;
  readonly access: AccessPickerState;
  /** Whether anything was typed since the editor opened. */
  readonly dirty: boolean;
}

export interface EditorSliceState {
  readonly editor: EditorState | null;
  /** +1 each time the editor opens on a post, so the form starts afresh (no stale messages). */
  readonly session: number;
}

const initialState: EditorSliceState = { editor: null, session: 0 };

function editorFor(post: LocalPost): EditorState {
  return {
    postId: post.id,
    title: post.title,
    body: post.body,
    access: pickerFromRule(post.accessRule),
    dirty: false,
  };
}

export const editorSlice = createSlice({
  name: 'postEditor',
  initialState,
  reducers: {
    newPostStarted(draft) {
      draft.editor = { postId: null, title: '', body: '', access: EMPTY_PICKER, dirty: false };
      draft.session += 1;
    },
    postOpened(draft, action: PayloadAction<LocalPost>) {
      draft.editor = editorFor(action.payload);
      draft.session += 1;
    },
    /** The open post changed under the editor (a conflict was resolved): show the stored version. */
    editorRefreshed(draft, action: PayloadAction<LocalPost>) {
      if (draft.editor?.postId !== action.payload.id) return;
      draft.editor = editorFor(action.payload);
    },
    /** A new post was saved: keep editing it as an existing post. */
    editorSaved(draft, action: PayloadAction<LocalPost>) {
      if (!draft.editor) return;
      draft.editor.postId = action.payload.id;
      draft.editor.dirty = false;
    },
    textChanged(draft, action: PayloadAction<Partial<Pick<EditorState, 'title' | 'body'>>>) {
      if (!draft.editor) return;
      Object.assign(draft.editor, action.payload);
      draft.editor.dirty = true;
    },
    accessChanged(draft, action: PayloadAction<Partial<Omit<AccessPickerState, 'mode'>>>) {
      if (!draft.editor) return;
      draft.editor.access = { ...draft.editor.access, ...action.payload };
      draft.editor.dirty = true;
    },
    accessModeChosen(draft, action: PayloadAction<AccessMode>) {
      if (!draft.editor) return;
      draft.editor.access = withMode(draft.editor.access, action.payload);
      draft.editor.dirty = true;
    },
    editorClosed(draft) {
      draft.editor = null;
    },
  },
});

export const {
  newPostStarted,
  postOpened,
  editorRefreshed,
  editorSaved,
  textChanged,
  accessChanged,
  accessModeChosen,
  editorClosed,
} = editorSlice.actions;
