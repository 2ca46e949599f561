/** No account is active: the creator must sign in first. */
export class NoActiveAccountError extends Error {
  constructor() {
    super('No account is signed in: sign in to a server first');
    this.name = 'NoActiveAccountError';
  }
}

/** This account is not signed in to this studio. */
export class UnknownAccountError extends Error {
  constructor(readonly accountId: string) {
    super(`Account ${accountId} is not signed in to this studio`);
    this.name = 'UnknownAccountError';
  }
}

/** Fans cannot use the studio: it is for creators and the managers who work for them. */
export class NotCreatorError extends Error {
  constructor() {
    super('This account is a fan account: the studio is for creator and studio manager accounts');
    this.name = 'NotCreatorError';
  }
}

/** The server refused or could not answer the sign-in. `code` is the server's tRPC code when it answered. */
export class SignInFailedError extends Error {
  constructor(
    message: string,
    readonly code: string | null,
  ) {
    super(message);
    this.name = 'SignInFailedError';
  }
}
