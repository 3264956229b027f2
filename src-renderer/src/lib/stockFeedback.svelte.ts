// What a stock section says after each scan or booking: green, red (with the error sound) or a
// plain hint; the sequence number makes the same message flash again.
import { playFeedback } from './feedbackSound';

export class StockFeedback {
  current = $state<{ kind: 'ok' | 'error' | 'idle'; message: string; seq: number }>({
    kind: 'idle',
    message: '',
    seq: 0,
  });

  constructor(
    hint: string,
    private readonly sound: (kind: 'ok' | 'error') => void = playFeedback,
  ) {
    this.current = { kind: 'idle', message: hint, seq: 0 };
  }

  ok(message: string): void {
    this.current = { kind: 'ok', message, seq: this.current.seq + 1 };
    this.sound('ok');
  }

  error(message: string): void {
    this.current = { kind: 'error', message, seq: this.current.seq + 1 };
    this.sound('error');
  }

  hint(message: string): void {
    this.current = { kind: 'idle', message, seq: this.current.seq + 1 };
  }
}

/** The message of anything thrown, for the person at the bench. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
