/**
 * What acting for a creator may cover. A creator holds every scope over their own account; a studio manager
 * will hold the scopes their membership grants, per creator (PRODUCT.md, "People").
 */
export const CREATOR_SCOPES = ['content', 'messages', 'live', 'calendar', 'finance', 'settings'] as const;
export type CreatorScope = (typeof CREATOR_SCOPES)[number];
