// Focus that follows the work: after a step, focus goes to the next thing the seller does, even
// when that control appears a moment later (a live query redraws, a price arrives). It never
// takes focus back from a control the person has moved to meanwhile.

/**
 * Focuses the first element inside `root` matching one of `selectors` (in order of preference),
 * waiting up to `waitMs` for one to appear. Returns a function that stops waiting.
 */
export function focusNext(root: ParentNode, selectors: readonly string[], waitMs = 4000): () => void {
  const startedOn = document.activeElement;
  const find = () => {
    for (const selector of selectors) {
      const found = root.querySelector<HTMLElement>(selector);
      if (found && !found.matches(':disabled')) return found;
    }
    return null;
  };
  const movedAway = () => {
    const now = document.activeElement;
    return now !== startedOn && now !== document.body && now !== null && now.isConnected;
  };
  const attempt = () => {
    if (movedAway()) return true;
    const target = find();
    if (!target) return false;
    target.focus();
    return true;
  };
  if (attempt()) return () => undefined;
  const observer = new MutationObserver(() => {
    if (attempt()) stop();
  });
  const timer = setTimeout(() => stop(), waitMs);
  function stop() {
    observer.disconnect();
    clearTimeout(timer);
  }
  observer.observe(root instanceof Document ? root.body : (root as Node), {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: ['disabled'],
  });
  return stop;
}
