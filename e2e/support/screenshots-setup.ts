import { createServer } from 'node:net';
import { startMesi } from './start-mesi';

/**
 * `npm run screenshots`' `npm start`: the demo data a newcomer sees on a first run (the demo creator signed in
 * to the studio), on port 4000 as the README says when it is free, so the status bar shows the usual address.
 */
export default async function screenshotsSetup(): Promise<() => Promise<void>> {
  return startMesi({ demo: true, port: (await isFree(4000)) ? 4000 : 0 });
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer()
      .once('error', () => resolve(false))
      .listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}
