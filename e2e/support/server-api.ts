import { randomUUID } from 'node:crypto';

/**
 * The server's tRPC API called as any client does (plain JSON over HTTP, a bearer token): for e2e steps that
 * happen elsewhere than the page under test, such as a fan's tip while the studio is watched.
 */
export async function serverCall<T>(
  serverUrl: string,
  procedure: string,
  input: unknown,
  token?: string,
): Promise<T> {
  const response = await fetch(`${serverUrl}/trpc/${procedure}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
    },
    body: JSON.stringify(input),
  });
  const body = (await response.json()) as { result?: { data: T }; error?: { message?: string } };
  if (!response.ok || !body.result) {
    throw new Error(`${procedure} answered ${response.status}: ${body.error?.message ?? 'no message'}`);
  }
  return body.result.data;
}

/** A query of the server's tRPC API (GET, no input), as a client with `token`. */
export async function serverQuery<T>(serverUrl: string, procedure: string, token: string): Promise<T> {
  const response = await fetch(`${serverUrl}/trpc/${procedure}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const body = (await response.json()) as { result?: { data: T }; error?: { message?: string } };
  if (!response.ok || !body.result) {
    throw new Error(`${procedure} answered ${response.status}: ${body.error?.message ?? 'no message'}`);
  }
  return body.result.data;
}

/** A fan signed up through the API: its token pays tips. */
export async function signUpFan(serverUrl: string, name: string): Promise<{ token: string; id: string }> {
  const id = `${name.toLowerCase()}-${Date.now().toString(36)}-${randomUUID().slice(0, 6)}`;
  const signedUp = await serverCall<{ token: string; account: { id: string } }>(
    serverUrl,
    'accounts.signUp',
    {
      email: `${id}@example.com`,
      password: 'fan password 123',
      role: 'fan',
      displayName: name,
    },
  );
  return { token: signedUp.token, id: signedUp.account.id };
}

/** A fan's tip paid with the sandbox rail's card that always succeeds (`amount` in cents, as digits). */
export function sendTip(
  serverUrl: string,
  fanToken: string,
  tip: { handle: string; amount: string; message?: string },
): Promise<{ paymentId: string; status: string; amount: string }> {
  return serverCall(
    serverUrl,
    'tips.send',
    {
      handle: tip.handle,
      amount: tip.amount,
      currency: 'USD',
      message: tip.message ?? '',
      paymentMethod: 'sandbox_card_4242424242424242',
      idempotencyKey: randomUUID(),
    },
    fanToken,
  );
}
