// The sale this window was working on, so a reload, a crash or a trip to another screen reopens
// it on Sell exactly where it was. Kept in the window's own storage: it is this desk's, not synced.
const KEY = 'orderline.sell.current';

export function rememberedSale(storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage) {
  try {
    return storage?.getItem(KEY) ?? null;
  } catch {
    return null;
  }
}

export function rememberSale(
  id: string | null,
  storage: Pick<Storage, 'setItem' | 'removeItem'> | undefined = globalThis.localStorage,
) {
  try {
    if (id) storage?.setItem(KEY, id);
    else storage?.removeItem(KEY);
  } catch {
    // storage refused (private mode): the open-sales list still finds the sale
  }
}
