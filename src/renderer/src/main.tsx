import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Provider } from 'react-redux';
import { errorMessage } from './errors/error-message';
import { App } from './shell/App';
import { StartupError } from './shell/StartupError';
import { cannotStart, TOKEN_MISSING, TOKEN_REFUSED } from './shell/startup-messages';
import { startLiveFeeds } from './store/live-feeds';
import { createAppStore } from './store/store';
import { browserTokenRefused, connectToStudio } from './transport/client';
import { StudioClientContext } from './transport/client-context';
import { chooseImportPort, ImportPortContext } from './vault/import-port-choice';
import './styles.css';

const root = createRoot(document.getElementById('root')!);

async function start(): Promise<void> {
  const connection = connectToStudio();
  if (connection.kind === 'browser-without-token') {
    root.render(<StartupError {...TOKEN_MISSING} />);
    return;
  }
  if (
    connection.kind === 'browser' &&
    (await browserTokenRefused(window.location.origin, connection.token))
  ) {
    root.render(<StartupError {...TOKEN_REFUSED} />);
    return;
  }
  const { client } = connection;
  const importPort = chooseImportPort(connection, {
    origin: window.location.origin,
    pathForFile: window.mesiStudio?.pathForFile?.bind(window.mesiStudio),
  });
  const store = createAppStore();
  startLiveFeeds(client, store);
  root.render(
    <StrictMode>
      <Provider store={store}>
        <StudioClientContext.Provider value={client}>
          <ImportPortContext.Provider value={importPort}>
            <App />
          </ImportPortContext.Provider>
        </StudioClientContext.Provider>
      </Provider>
    </StrictMode>,
  );
}

start().catch((error: unknown) => root.render(<StartupError {...cannotStart(errorMessage(error))} />));
