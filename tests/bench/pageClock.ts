// Timers on the page's own clock (performance.now) for the in-page bench probes: when something the
// user would see has appeared, and when the next frame is painted.

/** Resolves with the page clock's time once `done()` holds, checked at every DOM change. */
export function when(done: () => boolean, what: string, timeoutMs = 60_000): Promise<number> {
  return new Promise((resolve, reject) => {
    if (done()) return resolve(performance.now());
    const observer = new MutationObserver(() => {
      if (!done()) return;
      observer.disconnect();
      clearTimeout(timer);
      resolve(performance.now());
    });
    const timer = setTimeout(() => {
      observer.disconnect();
      reject(new Error(`Waited ${timeoutMs / 1000} s for ${what}`));
    }, timeoutMs);
    observer.observe(document.body, {
      subtree: true,
      childList: true,
      attributes: true,
      characterData: true,
    });
  });
}

export const nextFrame = () =>
  new Promise<number>((resolve) => requestAnimationFrame(() => resolve(performance.now())));
