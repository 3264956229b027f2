// Gives every outbox entry the desk's next sequence number as it is stored, inside the storing
// transaction (a DBCore middleware, so every add, from any writer, gets one): the number after the
// highest already in the outbox. Transactions that write the outbox run one at a time, so no two
// entries share a number, and the order is the order they were stored whatever the clock says.
import type { DBCore, DBCoreMutateRequest, DBCoreRangeType, DBCoreTable, Middleware } from 'dexie';

const OUTBOX = 'outbox';

async function lastSeq(table: DBCoreTable, trans: DBCoreMutateRequest['trans']): Promise<number> {
  const index = table.schema.getIndexByKeyPath('seq');
  if (!index) return 0;
  const cursor = await table.openCursor({
    trans,
    values: false,
    reverse: true,
    query: {
      index,
      // 2 is DBCoreRangeType.Range (a const enum, which isolated modules cannot read).
      range: { type: 2 as DBCoreRangeType, lower: -Infinity, upper: Infinity },
    },
  });
  return cursor && typeof cursor.key === 'number' ? cursor.key : 0;
}

export const outboxSequence: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'outboxSequence',
  create(down) {
    return {
      ...down,
      table(name) {
        const table = down.table(name);
        if (name !== OUTBOX) return table;
        return {
          ...table,
          async mutate(req) {
            if (req.type !== 'add' && req.type !== 'put') return table.mutate(req);
            const unnumbered = req.values.filter((v: { seq?: unknown }) => typeof v?.seq !== 'number');
            if (!unnumbered.length) return table.mutate(req);
            let seq = await lastSeq(table, req.trans);
            const values = req.values.map((value: { seq?: unknown }) =>
              typeof value?.seq === 'number' ? value : { ...value, seq: (seq += 1) },
            );
            return table.mutate({ ...req, values });
          },
        };
      },
    };
  },
};
