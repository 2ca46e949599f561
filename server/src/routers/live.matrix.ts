import type { FeatureMatrix } from '../test/authorization-matrix';
import type { liveRouter } from './live';

/** The access of every `live.*` procedure (spread into `authorization-matrix.test.ts`). */
export const LIVE_MATRIX: FeatureMatrix<typeof liveRouter, 'live.'> = {};
