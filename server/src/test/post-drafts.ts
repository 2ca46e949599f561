import type { AccessRule } from '@shared/domain/access/rule';

/** A valid post draft for tests. */
export function draft(title: string, accessRule: AccessRule = { kind: 'public' }, body = `Body of ${title}`) {
  return { title, body, accessRule };
}
