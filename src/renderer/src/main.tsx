import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Provider } from 'react-redux';
import { errorMessage } from './errors/error-message';
import { App } from './shell/App';
import { StartupError } from './shell/StartupError';
import { startLiveFeeds } from './store/live-feeds';
import { createAppStore } from './store/store';
import { createStudioClient } from './transport/client';
import { StudioClientContext } from './transport/client-context';
import './styles.css';

const root = createRoot(document.getElementById('root')!);

try {
  const client = createStudioClient();
  const store = createAppStore();
  startLiveFeeds(client, store);
  root.render(
    <StrictMode>
      <Provider store={store}>
        <StudioClientContext.Provider value={client}>
          <App />
        </StudioClientContext.Provider>
      </Provider>
    </StrictMode>,
  );
} catch (error) {
  root.render(<StartupError message={errorMessage(error)} />);
}
