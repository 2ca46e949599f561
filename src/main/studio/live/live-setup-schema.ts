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

/**
 * What the Live screen sends: the setup, where a video from the vault is named by its item id (the studio
 * finds its file; the screen never handles paths).
 */
export const screenSetupSchema = z.object({
  source: z.union([
    liveSetupSchema.shape.source,
    z.object({
      kind: z.literal('vault'),
      itemId: z.uuid('itemId must be a vault item id'),
      loop: z.boolean(),
    }),
  ]),
  encoding: liveSetupSchema.shape.encoding,
  videoEncoder: liveSetupSchema.shape.videoEncoder,
});
export type ScreenSetup = z.infer<typeof screenSetupSchema>;
