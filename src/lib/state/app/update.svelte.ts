/// <reference types="vite-plugin-pwa/client" />
import { registerSW } from 'virtual:pwa-register';

/**
 * The service worker (offline and installable app) and its updates. A new
 * version waits until the user says so ("New version — reload"), so an update
 * never reloads over their work.
 */
export class AppUpdate {
  /** True when a new version is installed and waiting for the user's reload. */
  waiting = $state(false);
  /** True once the whole app is cached: it now opens offline. */
  offlineReady = $state(false);
  #update: ((reload?: boolean) => Promise<void>) | null = null;

  /** Registers the service worker (once; nothing where service workers are unsupported). */
  register(): void {
    if (this.#update || typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
    this.#update = registerSW({
      immediate: true,
      onNeedRefresh: () => (this.waiting = true),
      onOfflineReady: () => (this.offlineReady = true),
      onRegisterError: (error: unknown) => console.warn('Offline mode is unavailable:', error),
    });
  }

  /** Activates the waiting version and reloads (the library writes the last edit on `pagehide`). */
  async reload(): Promise<void> {
    this.waiting = false;
    await this.#update?.(true);
  }

  /** Keeps the current version until the next visit. */
  dismiss(): void {
    this.waiting = false;
  }
}
