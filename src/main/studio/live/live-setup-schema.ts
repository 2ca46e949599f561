import { isAbsolute } from 'node:path';
import { z } from 'zod';
import { LIVE_VIDEO_ENCODERS, liveEncodingChoiceSchema } from '@shared/domain/live/presets';
import { liveSourceSchema } from '../../../encoder/live';

/** The source, preset and encoder as the Live screen sends them (what `LiveSetup` holds, checked). */
export const liveSetupSchema = z.object({
  source: liveSourceSchema.refine(
    (source) => source.kind !== 'file' || isAbsolute(source.path),
    'a media file must be given by its full path on this computer',
  ),
  encoding: liveEncodingChoiceSchema,
  videoEncoder: z.enum(LIVE_VIDEO_ENCODERS).nullable(),
});
