import { registerSW } from 'virtual:pwa-register';
import { Store } from '../store';

/**
 * The service worker's registration, and a new version of the app waiting to take over. The
 * new worker installs beside the running one and waits (registerType 'prompt', build/pwa.ts);
 * the app offers to switch only while no sheet is left on the tablet (UpdateBanner), so the
 * version that saved a sheet is the one that sends it.
 */
export const updateWaiting = new Store<boolean>(false);

const CHECK_EVERY_MS = 60 * 60 * 1000;
let update: ((reloadPage?: boolean) => Promise<void>) | null = null;

export function startServiceWorker(): void {
  if (update || !('serviceWorker' in navigator)) return;
  update = registerSW({
    immediate: true,
    onNeedRefresh: () => updateWaiting.set(true),
    onRegisteredSW: (_url, registration) => {
      // A tablet stays on one page all day: look for a new version now and then.
      if (!registration) return;
      setInterval(() => {
        if (navigator.onLine) void registration.update().catch(() => undefined);
      }, CHECK_EVERY_MS);
    },
  });
}

/** Lets the waiting version take over; the page reloads once it controls it. */
export async function applyUpdate(): Promise<void> {
  await update?.(true);
}
