// The real desk behind the sales reports: its database, store settings, pack rules and bridge.
import { formatMoney, money } from '../../../../src-shared/money';
import { CHANNEL_LABELS } from '../../../../src-shared/orderStatus';
import { loadSources } from '../../db/acquisitionSources';
import { shipByOf } from '../../../../src-shared/packingQueue';
import { getDb } from '../../db/database';
import { loadReportData } from '../../db/reportData';
import { loadStoreProfile, loadStoreRules } from '../../db/storeSettings';
import { bridge } from '../../lib/bridge';
import type { SalesReportsDeps } from './salesReports.svelte';

export function salesReportsDeps(): SalesReportsDeps {
  const db = getDb();
  return {
    load: (since, until) => loadReportData(db, since, until),
    settings: () => loadStoreProfile(db),
    shipByOf: async () => {
      const [{ shipping }, { timeZone }] = await Promise.all([loadStoreRules(db), loadStoreProfile(db)]);
      return (order) =>
        order.channel === 'counter' ? undefined : shipByOf(order as never, shipping, [], timeZone);
    },
    formatMoney: (minor, currency, locale) => formatMoney(money(minor, currency), locale),
    label: (key) => (CHANNEL_LABELS as Record<string, string>)[key] ?? key,
    sources: () => loadSources(db),
    saveFile: (name, data) => bridge.saveFile(name, data),
    now: () => new Date(),
  };
}
