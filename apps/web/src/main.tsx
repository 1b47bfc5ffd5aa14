import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { Outbox } from './outbox';
import { JudgeSession } from './session';
import { Store } from './store';
import type { Services } from './services';
import './styles.css';
import './portal/portal.css';

const session = new JudgeSession();
const online = new Store(navigator.onLine);
window.addEventListener('online', () => {
  online.set(true);
  void session.sendSignOuts();
});
window.addEventListener('offline', () => online.set(false));

const outbox = new Outbox(
  () => session.session.get(),
  (roundId, sheet) => session.applySheet(roundId, sheet),
  () => session.forget(),
);
// Another judge signing in sees and sends only their own sheets; the same judge signing in
// again (an expired token) sends what waited.
session.session.subscribe(() => {
  outbox.publish();
  void outbox.flush();
});
const services: Services = { session, outbox, online };

void session.sendSignOuts();
void outbox.start().finally(() => {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App services={services} />
    </StrictMode>,
  );
});
