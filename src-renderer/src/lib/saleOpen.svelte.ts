// Whether a sale is open on this desk, for whatever must not interrupt one: the desktop app's
// updater (told through the bridge, so a restart is refused) and the "update ready" notice (hidden
// until the sale is finished or held). Sell sets it; nothing else does.
import type { OrderlineBridge } from '$shared/bridge';
import { bridge } from './bridge';

export class SaleOpen {
  open = $state(false);

  constructor(private readonly app: Pick<OrderlineBridge, 'setBusy'> = bridge) {}

  set(open: boolean): void {
    if (open === this.open) return;
    this.open = open;
    void this.app.setBusy(open);
  }
}

export const saleOpen = new SaleOpen();
