import { NotFoundError, ValidationError } from '@shared/domain/errors';
import type { AccountRepository } from '../accounts/account-repository';
import type { AccountView } from '../accounts/account-service';
import type { FollowRepository } from './follow-repository';

/** Who follows which creator. */
export class FollowService {
  constructor(
    private readonly accounts: AccountRepository,
    private readonly follows: FollowRepository,
  ) {}

  /** Makes the viewer follow the creator; following twice is the same as once. */
  async follow(viewer: AccountView, handle: string): Promise<{ following: boolean }> {
    const creatorId = await this.#creatorId(handle);
    if (creatorId === viewer.id) throw new ValidationError('You cannot follow yourself', 'handle');
    await this.follows.add(viewer.id, creatorId);
    return { following: true };
  }

  /** Stops following; unfollowing a creator one does not follow is fine. */
  async unfollow(viewer: AccountView, handle: string): Promise<{ following: boolean }> {
    await this.follows.remove(viewer.id, await this.#creatorId(handle));
    return { following: false };
  }

  async #creatorId(handle: string): Promise<string> {
    const row = await this.accounts.findCreatorByHandle(handle.toLowerCase());
    if (!row) throw new NotFoundError(`No creator @${handle}`);
    return row.id;
  }
}
