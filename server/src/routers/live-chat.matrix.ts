import type { FeatureMatrix } from '../test/authorization-matrix';
import type { liveChatRouter } from './live-chat';

/** The access of every `liveChat.*` procedure (spread into `authorization-matrix.test.ts`). */
export const LIVE_CHAT_MATRIX: FeatureMatrix<typeof liveChatRouter, 'liveChat.'> = {};
