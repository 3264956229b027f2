// Which screens a role may open: the Sell, Pack and Ship benches need their action; every other
// screen opens for everyone and refuses what it must inside (reports, staff, the audit log).
import type { Action, Decision } from '$shared/permissions';
import type { ScreenId } from '$shared/screens';

const SCREEN_ACTION: Partial<Record<ScreenId, Action>> = { sell: 'sell', pack: 'pack', ship: 'ship' };

/** The sentence to show instead of the screen, or null when the person may use it. */
export function screenRefusal(screen: ScreenId, decide: (action: Action) => Decision): string | null {
  const action = SCREEN_ACTION[screen];
  if (!action) return null;
  const decision = decide(action);
  return decision.verdict === 'deny' ? decision.message : null;
}
