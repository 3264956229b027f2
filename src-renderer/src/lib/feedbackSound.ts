// The scan sounds: a short high beep for a scan that counted, a low buzz for one that did not.
// Made with a Web Audio oscillator so no sound file is needed; silent where there is no audio.

type AudioContextClass = new () => AudioContext;

let context: AudioContext | null = null;

function audio(): AudioContext | null {
  if (context) return context;
  const Ctor = (globalThis as { AudioContext?: AudioContextClass }).AudioContext;
  if (!Ctor) return null;
  try {
    context = new Ctor();
  } catch {
    return null;
  }
  return context;
}

const TONES = {
  ok: { type: 'sine', frequency: 1760, seconds: 0.09 },
  error: { type: 'square', frequency: 150, seconds: 0.35 },
} as const satisfies Record<string, { type: OscillatorType; frequency: number; seconds: number }>;

/** Plays the ok beep or the error buzz; never throws (a packer's scan must not fail on sound). */
export function playFeedback(kind: keyof typeof TONES): void {
  const ctx = audio();
  if (!ctx) return;
  try {
    if (ctx.state === 'suspended') void ctx.resume();
    const tone = TONES[kind];
    const oscillator = ctx.createOscillator();
    const gain = ctx.createGain();
    oscillator.type = tone.type;
    oscillator.frequency.value = tone.frequency;
    gain.gain.setValueAtTime(0.25, ctx.currentTime);
    gain.gain.exponentialRampToValueAtTime(0.001, ctx.currentTime + tone.seconds);
    oscillator.connect(gain).connect(ctx.destination);
    oscillator.start();
    oscillator.stop(ctx.currentTime + tone.seconds);
  } catch {
    // No audio device: the colour change still says it.
  }
}
