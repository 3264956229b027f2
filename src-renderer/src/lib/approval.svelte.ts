// Manager approval on the spot: a screen asks for one action to be approved and waits; the approval
// dialog in the app shell takes a manager's PIN on this desk and answers with who approved, or null.
import type { Action } from '$shared/permissions';

export type Approver = { staffId: string; staffName: string };
export type ApprovalRequest = {
  action: Action;
  summary: string;
  resolve: (approver: Approver | null) => void;
};

export class ApprovalQueue {
  pending = $state<ApprovalRequest | null>(null);

  /** Resolves with the approving manager, or null when cancelled. A new request cancels an older one. */
  ask(action: Action, summary: string): Promise<Approver | null> {
    this.pending?.resolve(null);
    return new Promise((resolve) => {
      this.pending = { action, summary, resolve };
    });
  }

  /** Called by the dialog: the manager who approved, or null when the request is cancelled. */
  answer(approver: Approver | null): void {
    const request = this.pending;
    this.pending = null;
    request?.resolve(approver);
  }
}

/** The window's one queue. */
export const approvals = new ApprovalQueue();
