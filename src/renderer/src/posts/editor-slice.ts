import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import { newId } from '@shared/domain/ids';
import { formatAmount } from '@shared/domain/money/amount';
import type { LocalPost } from '@shared/domain/posts/local-post';
import type { PostMedia } from '@shared/domain/posts/post';
import {
  EMPTY_PICKER,
  pickerFromRule,
  withMode,
  type AccessMode,
  type AccessPickerState,
} from './access-picker';
import { addMedia, captionMedia, moveMedia, removeMedia } from './post-media-list';
import { postsLoading } from './posts-slice';
import { systemTimeZone, wallTimeField } from './schedule-field';

/** The compose/edit form: a new post (`postId` null) or an existing one, with what has been typed so far. */
export interface EditorState {
  readonly postId: string | null;
  /** The post's id: the stored post's, or the one a new post will be created with (a buyer rule names it). */
  readonly id: string;
  readonly title: string;
  readonly body: string;
  /** The pay-per-view price in USD as typed ("4.50"); empty: not for sale. */
  readonly price: string;
  readonly access: AccessPickerState;
  /** The post's media in order, with captions. */
  readonly media: PostMedia[];
  /** When it goes out, as a wall time in `timeZone` (`YYYY-MM-DDTHH:mm`); empty: when Publish is pressed. */
  readonly publishAt: string;
  /** When fans stop seeing it, as a wall time in `timeZone`; empty: never. */
  readonly expiresAt: string;
  /** The IANA zone the two times are written in: the post's own, else this computer's. */
  readonly timeZone: string;
  /** Whether anything was typed since the post was last saved (or opened). */
  readonly dirty: boolean;
}

/** Where an unsaved draft is kept: the post's id, or NEW_POST for a post never saved. */
export const NEW_POST = 'new';

export interface EditorSliceState {
  readonly editor: EditorState | null;
  /** +1 each time the editor opens on a post, so the form starts afresh (no stale messages). */
  readonly session: number;
  /** The account whose posts are shown (follows `postsLoading`): drafts are kept per account. */
  readonly accountId: string | null;
  /**
   * Unsaved edits the creator left by opening another post or closing the editor, per account and post
   * (NEW_POST for a new one): opening that post again brings them back. The open editor is never in here.
   */
  readonly drafts: Readonly<Record<string, Readonly<Record<string, EditorState>>>>;
}

const initialState: EditorSliceState = { editor: null, session: 0, accountId: null, drafts: {} };

type Draft = { -readonly [K in keyof EditorSliceState]: EditorSliceState[K] };

function editorFor(post: LocalPost): EditorState {
  return {
    postId: post.id,
    id: post.id,
    title: post.title,
    body: post.body,
    price: post.price ? formatAmount({ currency: post.price.currency, minor: BigInt(post.price.minor) }) : '',
    access: pickerFromRule(post.accessRule, post.id),
    ...scheduleOf(post),
    dirty: false,
  };
}

/** A stored post's media and times as the editor shows them, in the zone they were scheduled in. */
function scheduleOf(post: LocalPost): Pick<EditorState, 'media' | 'publishAt' | 'expiresAt' | 'timeZone'> {
  const timeZone = post.timeZone ?? systemTimeZone();
  return {
    media: [...(post.media ?? [])],
    publishAt: wallTimeField(post.publishAt, timeZone),
    expiresAt: wallTimeField(post.expiresAt, timeZone),
    timeZone,
  };
}

const emptyEditor = (id: string): EditorState => ({
  postId: null,
  id,
  title: '',
  body: '',
  price: '',
  access: EMPTY_PICKER,
  media: [],
  publishAt: '',
  expiresAt: '',
  timeZone: systemTimeZone(),
  dirty: false,
});

function draftKey(postId: string | null): string {
  return postId ?? NEW_POST;
}

/** Puts the open editor's unsaved edits aside (nothing when it has none) and closes it. */
function stash(draft: Draft): void {
  const editor = draft.editor;
  draft.editor = null;
  if (!editor?.dirty || draft.accountId === null) return;
  draft.drafts = {
    ...draft.drafts,
    [draft.accountId]: { ...draft.drafts[draft.accountId], [draftKey(editor.postId)]: editor },
  };
}

/** Takes the kept draft for `key` out of the drafts (it becomes the open editor), or null if there is none. */
function takeDraft(draft: Draft, key: string): EditorState | null {
  if (draft.accountId === null) return null;
  const kept = draft.drafts[draft.accountId]?.[key];
  if (!kept) return null;
  forget(draft, key);
  return kept;
}

function forget(draft: Draft, key: string): void {
  const account = draft.accountId;
  if (account === null || !draft.drafts[account]?.[key]) return;
  const { [key]: _gone, ...rest } = draft.drafts[account];
  draft.drafts = { ...draft.drafts, [account]: rest };
}

export const editorSlice = createSlice({
  name: 'postEditor',
  initialState: initialState as Draft,
  reducers: {
    /** Opens the new-post form: empty (with the id the post will have), or the new post left unsaved. */
    newPostStarted: {
      reducer(draft, action: PayloadAction<{ readonly id: string }>) {
        stash(draft);
        draft.editor = takeDraft(draft, NEW_POST) ?? emptyEditor(action.payload.id);
        draft.session += 1;
      },
      prepare: () => ({ payload: { id: newId() } }),
    },
    /** Opens a post: its unsaved draft if the creator left one, else the stored post. */
    postOpened(draft, action: PayloadAction<LocalPost>) {
      stash(draft);
      draft.editor = takeDraft(draft, action.payload.id) ?? editorFor(action.payload);
      draft.session += 1;
    },
    /** The open post changed under the editor (a conflict was resolved): show the stored version. */
    editorRefreshed(draft, action: PayloadAction<LocalPost>) {
      if (draft.editor?.postId !== action.payload.id) return;
      draft.editor = editorFor(action.payload);
    },
    /** The post was saved: keep editing it as an existing post, with nothing unsaved. */
    editorSaved(draft, action: PayloadAction<LocalPost>) {
      if (!draft.editor) return;
      draft.editor.postId = action.payload.id;
      draft.editor.id = action.payload.id;
      draft.editor.dirty = false;
      forget(draft, action.payload.id);
    },
    textChanged(draft, action: PayloadAction<Partial<Pick<EditorState, 'title' | 'body' | 'price'>>>) {
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
      draft.editor.access = withMode(draft.editor.access, action.payload, draft.editor.id);
      draft.editor.dirty = true;
    },
    /** Items picked in the vault picker join the post's media at the end (those already in it stay once). */
    mediaAdded(draft, action: PayloadAction<readonly string[]>) {
      if (!draft.editor) return;
      const { list } = addMedia(draft.editor.media, action.payload);
      if (list === draft.editor.media) return;
      draft.editor.media = list;
      draft.editor.dirty = true;
    },
    mediaRemoved(draft, action: PayloadAction<string>) {
      if (!draft.editor) return;
      draft.editor.media = removeMedia(draft.editor.media, action.payload);
      draft.editor.dirty = true;
    },
    /** The item at `index` moves by `delta` places (−1 up, +1 down). */
    mediaMoved(draft, action: PayloadAction<{ readonly index: number; readonly delta: number }>) {
      if (!draft.editor) return;
      const list = moveMedia(draft.editor.media, action.payload.index, action.payload.delta);
      if (list === draft.editor.media) return;
      draft.editor.media = list;
      draft.editor.dirty = true;
    },
    captionChanged(draft, action: PayloadAction<{ readonly mediaId: string; readonly caption: string }>) {
      if (!draft.editor) return;
      draft.editor.media = captionMedia(draft.editor.media, action.payload.mediaId, action.payload.caption);
      draft.editor.dirty = true;
    },
    scheduleChanged(
      draft,
      action: PayloadAction<Partial<Pick<EditorState, 'publishAt' | 'expiresAt' | 'timeZone'>>>,
    ) {
      if (!draft.editor) return;
      Object.assign(draft.editor, action.payload);
      draft.editor.dirty = true;
    },
    /** Closes the editor; unsaved edits are kept as a draft for when the post is opened again. */
    editorClosed(draft) {
      stash(draft);
    },
    /**
     * Drops the open editor's unsaved edits: an existing post shows its stored version again (`stored`), a new
     * post (or one that is gone) closes.
     */
    changesDiscarded(draft, action: PayloadAction<LocalPost | null>) {
      if (!draft.editor) return;
      forget(draft, draftKey(draft.editor.postId));
      const stored = action.payload;
      draft.editor = stored && stored.id === draft.editor.postId ? editorFor(stored) : null;
    },
  },
  extraReducers: (builder) => {
    // Another account is shown: its posts are not this editor's; the open edits stay with their account.
    builder.addCase(postsLoading, (draft, action) => {
      if (draft.accountId === action.payload.accountId) return;
      stash(draft);
      draft.accountId = action.payload.accountId;
    });
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
  mediaAdded,
  mediaRemoved,
  mediaMoved,
  captionChanged,
  scheduleChanged,
  editorClosed,
  changesDiscarded,
} = editorSlice.actions;

/** Whether `postId` (null: the new post) has unsaved edits, open in the editor or kept as a draft. */
export function hasUnsavedChanges(slice: EditorSliceState, postId: string | null): boolean {
  if (slice.editor?.postId === postId && slice.editor.dirty) return true;
  return slice.accountId !== null && slice.drafts[slice.accountId]?.[draftKey(postId)] !== undefined;
}

/** Whether the shown account has unsaved edits: in the open editor or kept as a draft of any of its posts. */
export function accountHasUnsavedChanges(slice: EditorSliceState): boolean {
  if (slice.editor?.dirty) return true;
  return slice.accountId !== null && Object.keys(slice.drafts[slice.accountId] ?? {}).length > 0;
}

/** Whether any unsaved edit would be lost if the window closed now (any account). */
export function anyUnsavedChanges(slice: EditorSliceState): boolean {
  if (slice.editor?.dirty) return true;
  return Object.values(slice.drafts).some((byPost) => Object.keys(byPost).length > 0);
}
