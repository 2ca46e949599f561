/** A fresh account for a fan-web test: a unique email (and handle, for a creator) per call and per run. */
export interface NewAccount {
  readonly displayName: string;
  readonly email: string;
  readonly handle?: string;
}

const stamp = Date.now().toString(36);

export function newAccount(name: string, creator: boolean): NewAccount {
  const id = `${name.toLowerCase()}_${stamp}_${Math.random().toString(36).slice(2, 6)}`;
  return { displayName: name, email: `${id}@example.com`, ...(creator ? { handle: id } : {}) };
}
