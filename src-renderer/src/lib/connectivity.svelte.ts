// Whether this desk believes it is online. For now it follows the browser's online/offline
// events; the sync client will feed it real reachability probes of the store's server.

export class Connectivity {
  online = $state(true);

  constructor(initial: boolean = globalThis.navigator?.onLine ?? true) {
    this.online = initial;
  }

  /** Starts following window online/offline events; returns the function that stops it. */
  follow(target: Pick<Window, 'addEventListener' | 'removeEventListener'>): () => void {
    const up = () => (this.online = true);
    const down = () => (this.online = false);
    target.addEventListener('online', up);
    target.addEventListener('offline', down);
    return () => {
      target.removeEventListener('online', up);
      target.removeEventListener('offline', down);
    };
  }
}
