// The import worker's steps, as a function of its messages: the worker file runs them off the main
// thread, and tests run them in-process. The table read once is kept for every re-check.
import type { CsvTable } from '../../../src-shared/csvText';
import { readCsv } from '../../../src-shared/csvText';
import { planCustomerImport } from '../../../src-shared/customerImport';
import { autoMapping, detectLayout } from '../../../src-shared/importLayouts';
import { planProductImport } from '../../../src-shared/productImport';
import type { FromWorker, ToWorker } from './csvImportMessages';

export function importSteps(reply: (message: FromWorker) => void): (message: ToWorker) => void {
  let table: CsvTable | null = null;
  // Progress at most every 2%, so messages never outnumber the work.
  let last = -1;
  const progress = (fraction: number) => {
    if (fraction === 1 || fraction - last >= 0.02) {
      last = fraction;
      reply({ type: 'progress', fraction });
    }
  };
  return (message) => {
    last = -1;
    try {
      if (message.type === 'read') {
        const read = readCsv(message.text, progress);
        if (!read.ok) return reply({ type: 'failed', message: read.message });
        table = read.table;
        const layout = detectLayout(table.headers);
        reply({
          type: 'read',
          headers: table.headers,
          rowCount: table.rows.length,
          layout,
          mapping: autoMapping(layout, table.headers),
        });
      } else if (!table) {
        reply({ type: 'failed', message: 'Choose a file first' });
      } else if (message.type === 'planProducts') {
        reply({ type: 'products', plan: planProductImport(table.rows, message.options, progress) });
      } else {
        reply({ type: 'customers', plan: planCustomerImport(table.rows, message.options, progress) });
      }
    } catch (error) {
      reply({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
    }
  };
}
