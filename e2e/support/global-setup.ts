import { startMesi } from './start-mesi';

/** The e2e suite's `npm start`: random ports, a fresh data folder, no demo data (each test makes its own). */
export default function globalSetup(): Promise<() => Promise<void>> {
  return startMesi({ demo: false });
}
