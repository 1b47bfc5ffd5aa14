import { createContext, useContext, useSyncExternalStore } from 'react';
import type { Outbox } from './outbox';
import type { JudgeSession } from './session';
import type { Store } from './store';

export interface Services {
  session: JudgeSession;
  outbox: Outbox;
  online: Store<boolean>;
}

export const ServicesContext = createContext<Services | null>(null);

export function useServices(): Services {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('ServicesContext missing');
  return services;
}

export function useStore<T>(store: Store<T>): T {
  return useSyncExternalStore(store.subscribe, store.get);
}
