import { isAbsolute } from 'node:path';
import { z } from 'zod';
import { LIVE_VIDEO_ENCODERS, liveEncodingChoiceSchema } from '@shared/domain/live/presets';
import { identifierText } from '@shared/domain/text';

const deviceId = identifierText('device', 512);

/** Sources, preset and encoder as the Live screen sends them (what `LiveSetup` holds, checked). */
export const liveSetupSchema = z.object({
  video: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('test-pattern') }),
    z.object({ kind: z.literal('camera'), deviceId }),
    z.object({ kind: z.literal('screen'), deviceId }),
    z.object({
      kind: z.literal('file'),
      path: z
        .string()
        .min(1)
        .max(4096)
        .refine((path) => isAbsolute(path), 'must be a full path to a file on this computer'),
      loop: z.boolean(),
    }),
    z.object({ kind: z.literal('none') }),
  ]),
  audio: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('tone') }),
    z.object({ kind: z.literal('microphone'), deviceId }),
    z.object({ kind: z.literal('none') }),
  ]),
  encoding: liveEncodingChoiceSchema,
  videoEncoder: z.enum(LIVE_VIDEO_ENCODERS).nullable(),
});
