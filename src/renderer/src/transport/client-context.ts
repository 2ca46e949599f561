import { createContext, useContext } from 'react';
import type { StudioClient } from './client';

export const StudioClientContext = createContext<StudioClient | null>(null);

/** The studio router client of this window (provided once at the root). */
export function useStudioClient(): StudioClient {
  const client = useContext(StudioClientContext);
  if (!client) throw new Error('useStudioClient outside <StudioClientContext.Provider>');
  return client;
}
