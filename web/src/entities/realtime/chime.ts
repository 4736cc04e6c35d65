// A short two-note chime made with Web Audio: no sound file to ship or cache. Browsers
// only play sound after the user has interacted with the page; before that it is silent.
let context: AudioContext | null = null;

export function playChime(): void {
  try {
    const AudioContextImpl = globalThis.AudioContext;
    if (!AudioContextImpl) return;
    context ??= new AudioContextImpl();
    const start = context.currentTime;
    for (const [offset, frequency] of [
      [0, 880],
      [0.14, 1318.5],
    ] as const) {
      const oscillator = context.createOscillator();
      const gain = context.createGain();
      oscillator.type = 'sine';
      oscillator.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, start + offset);
      gain.gain.exponentialRampToValueAtTime(0.25, start + offset + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + offset + 0.3);
      oscillator.connect(gain).connect(context.destination);
      oscillator.start(start + offset);
      oscillator.stop(start + offset + 0.32);
    }
  } catch {
    // No audio device or blocked by the browser: the toast still shows.
  }
}
