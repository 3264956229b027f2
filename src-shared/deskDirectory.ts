// The store's desks as people know them: the code their order numbers carry and the name they
// were enrolled under. Changes carry a desk's id (the server's device id, a UUID nobody reads);
// anything shown to a person names the desk by code and name instead.
import { z } from 'zod';

export const DeskEntrySchema = z.object({
  id: z.string().min(1).max(64),
  code: z.string().min(1).max(6),
  name: z.string().max(120),
});
export type DeskEntry = z.infer<typeof DeskEntrySchema>;

export const DeskDirectorySchema = z.array(DeskEntrySchema).max(1000);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** "D2 (Till 2)", the code alone when the name says no more, or null for a desk not known here. */
export function deskName(id: string, desks: readonly DeskEntry[]): string | null {
  const desk = desks.find((d) => d.id === id || d.code === id);
  if (desk) return desk.name && desk.name !== desk.code ? `${desk.code} (${desk.name})` : desk.code;
  // A desk that never enrolled calls itself by its code (D1): that is already its name.
  return UUID.test(id) ? null : id;
}

/** "at desk D2 (Till 2)", or "at another desk" while this desk has not heard of it yet. */
export function atDesk(id: string, desks: readonly DeskEntry[]): string {
  const name = deskName(id, desks);
  return name ? `at desk ${name}` : 'at another desk';
}
