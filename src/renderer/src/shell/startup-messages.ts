/** What the full-page message says when the studio cannot be reached at all, and what to do about it. */
export interface StartupMessage {
  readonly title: string;
  readonly message: string;
  readonly steps: readonly string[];
}

const OPEN_PRINTED_LINK = [
  'Find the terminal where you ran npm start.',
  'Open the “Studio:” link it printed (it ends with #token=…), in full.',
  'If the studio was restarted, use the link from its latest start: each start prints a new one.',
];

/** Browser mode opened without `#token=…` (and none kept for this tab). */
export const TOKEN_MISSING: StartupMessage = {
  title: 'This studio link has no token',
  message: 'The studio in the browser only opens from the link it printed when it started.',
  steps: OPEN_PRINTED_LINK,
};

/** The studio refused the token: a wrong or shortened link, or one from an earlier start. */
export const TOKEN_REFUSED: StartupMessage = {
  title: 'This studio link’s token is wrong',
  message:
    'The studio refused the token in this link: it was shortened, mistyped, or printed by an earlier start.',
  steps: OPEN_PRINTED_LINK,
};

/** Any other reason the studio could not start (the message says which). */
export function cannotStart(message: string): StartupMessage {
  return {
    title: 'Mesi Studio cannot start',
    message,
    steps: ['Check that npm start is still running, then reload this page.'],
  };
}
