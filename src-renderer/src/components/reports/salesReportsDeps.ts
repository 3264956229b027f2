// The real desk behind the sales reports: its database, store settings, pack rules and bridge.
import { formatMoney, money } from '$shared/money';
import { CHANNEL_LABELS } from '$shared/orderStatus';
import { loadSources } from '$db/acquisitionSources';
import { getDb } from '$db/database';
import { loadReportData } from '$db/reportData';
import { loadStoreProfile } from '$db/storeSettings';
import { bridge } from '$lib/bridge';
import type { SalesReportsDeps } from './salesReports.svelte';

export function salesReportsDeps(): SalesReportsDeps {
  const db = getDb();
  return {
    load: (range, since, until) => loadReportData(db, range, since, until),
    settings: () => loadStoreProfile(db),
    formatMoney: (minor, currency, locale) => formatMoney(money(minor, currency), locale),
    label: (key) => (CHANNEL_LABELS as Record<string, string>)[key] ?? key,
    sources: () => loadSources(db),
    saveFile: (name, data) => bridge.saveFile(name, data),
    now: () => new Date(),
  };
}
