// The desktop app's "update ready" notice: the main process announces a downloaded, signature-
// checked update only while no sale is open (src-main/updates.ts); the notice offers a restart now
// or later, and a refused restart (a sale opened meanwhile) says why. Later hides it until the next
// update; the waiting update installs anyway when Orderline closes.
import type { OrderlineBridge } from '$shared/bridge';

export type UpdateBridge = Pick<OrderlineBridge, 'onUpdateReady' | 'restartToUpdate'>;

export class UpdateNotice {
  version = $state<string | null>(null);
  dismissed = $state(false);
  restarting = $state(false);
  message = $state('');
  readonly #stop: () => void;

  constructor(
    private readonly bridge: UpdateBridge,
    /** A sale open on this desk hides the notice until it is finished or held. */
    private readonly sale: { readonly open: boolean } = { open: false },
  ) {
    this.#stop = bridge.onUpdateReady(({ version }) => {
      this.version = version;
      this.dismissed = false;
      this.message = '';
    });
  }

  get visible(): boolean {
    return this.version !== null && !this.dismissed && !this.sale.open;
  }

  async restart(): Promise<void> {
    if (this.restarting) return;
    this.restarting = true;
    this.message = '';
    try {
      const outcome = await this.bridge.restartToUpdate();
      if (!outcome.ok) this.message = outcome.message;
    } catch (error) {
      this.message = `Orderline could not restart: ${error instanceof Error ? error.message : String(error)}`;
    } finally {
      this.restarting = false;
    }
  }

  later(): void {
    this.dismissed = true;
  }

  destroy(): void {
    this.#stop();
  }
}
