import type { CreatedAt, Json, Timestamp } from './columns';

// Creators as fans meet them: follows (`services/creators`) and profiles (`services/profiles`).

export interface FollowsTable {
  fan_id: string;
  creator_id: string;
  created_at: CreatedAt;
}

export interface CreatorProfilesTable {
  account_id: string;
  bio: string;
  links: Json<unknown>;
  accent_color: string;
  version: number;
  updated_at: Timestamp;
}
