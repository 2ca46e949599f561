import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseRule } from '@shared/domain/access/text';
import { serverClient } from './server-client';

export const DEMO_CREATOR = {
  email: 'demo.creator@example.com',
  password: 'demo-creator-password',
  handle: 'demo',
  displayName: 'Demo Creator',
} as const;
export const DEMO_FAN = {
  email: 'demo.fan@example.com',
  password: 'demo-fan-password',
  displayName: 'Demo Fan',
} as const;

interface SamplePost {
  readonly title: string;
  readonly body: string;
  /** The access rule in its text form, e.g. `follower`. */
  readonly access: string;
}

/**
 * A first run's demo: a creator with a profile and the sample posts of resources/demo (written through the
 * server's API, so they reach the studio through the change feed like any other change) and a fan who follows
 * them. Resolves with the creator's token, for the demo media that follows (`demo-media.ts`).
 */
export async function seedDemo(serverUrl: string, root: string): Promise<{ readonly creatorToken: string }> {
  const anonymous = serverClient(serverUrl);
  const creator = await anonymous.accounts.signUp.mutate({ ...DEMO_CREATOR, role: 'creator' });
  const asCreator = serverClient(serverUrl, creator.token);
  await asCreator.profiles.update.mutate({
    baseVersion: 0,
    draft: {
      displayName: DEMO_CREATOR.displayName,
      bio: 'Ceramics, slow films and the studio diary. New work every Friday; the shop opens at https://example.com/shop',
      links: [{ label: 'Shop', url: 'https://example.com/shop' }],
      accentColor: '#2f5d50',
    },
  });
  const samples = JSON.parse(readFileSync(join(root, 'resources/demo/posts.json'), 'utf8')) as SamplePost[];
  // Oldest first, so the first sample is the newest post on the page.
  for (const sample of [...samples].reverse()) {
    const post = await asCreator.posts.create.mutate({
      draft: { title: sample.title, body: sample.body, accessRule: parseRule(sample.access) },
    });
    await asCreator.posts.publish.mutate({ id: post.id });
  }
  const fan = await anonymous.accounts.signUp.mutate({ ...DEMO_FAN, role: 'fan' });
  await serverClient(serverUrl, fan.token).creators.follow.mutate({ handle: DEMO_CREATOR.handle });
  return { creatorToken: creator.token };
}
