import { randomUUID } from 'node:crypto';
import { createServerClient, type ServerClient } from '../sync/server-client';

export interface TestCreator {
  readonly email: string;
  readonly password: string;
  readonly handle: string;
  readonly token: string;
  readonly id: string;
  /** The server's API as this creator. */
  readonly api: ServerClient;
}

/** Signs up a fresh account on a real server (unique email and handle per call). */
export async function signUpOnServer(
  serverUrl: string,
  role: 'creator' | 'fan' | 'manager' = 'creator',
): Promise<TestCreator> {
  const suffix = randomUUID().replace(/-/g, '').slice(0, 12);
  const email = `studio-${suffix}@example.test`;
  const password = `password-${suffix}`;
  const handle = `s_${suffix}`;
  const { token, account } = await createServerClient({ serverUrl }).accounts.signUp.mutate({
    email,
    password,
    role,
    handle: role === 'creator' ? handle : undefined,
    displayName: `Studio ${suffix}`,
  });
  return { email, password, handle, token, id: account.id, api: createServerClient({ serverUrl, token }) };
}
