/**
 * Escape closes only the innermost thing open. antd's drawers and modals listen for Escape on the
 * window, after a Select's or a date picker's own handler has closed its dropdown, so one key
 * closed both the suggestion list and the drawer holding the form. A listener in the capture
 * phase (before anyone acts) notes each Escape pressed while a dropdown was open; closers ask
 * `escapeWasForPopup(event)` and leave that one alone.
 */
const POPUPS = ['.ant-select-dropdown', '.ant-picker-dropdown', '.ant-dropdown', '.ant-popover', '.ant-cascader-dropdown'];
const forPopup = new WeakSet<Event>();
let installed = false;

function popupOpen(): boolean {
  const active = document.activeElement;
  if (active?.getAttribute('aria-expanded') === 'true') return true;
  for (const el of document.querySelectorAll<HTMLElement>(POPUPS.join(','))) {
    if ([...el.classList].some((c) => c.endsWith('-hidden'))) continue;
    const box = el.getBoundingClientRect();
    if (box.width > 0 && box.height > 0) return true;
  }
  return false;
}

export function watchEscape(): void {
  if (installed || typeof window === 'undefined') return;
  installed = true;
  window.addEventListener(
    'keydown',
    (e) => {
      if (e.key === 'Escape' && popupOpen()) forPopup.add(e);
    },
    true,
  );
}

/** True when `e` is an Escape keydown that was meant for a dropdown open at the time. */
export function escapeWasForPopup(e: unknown): boolean {
  const native = e && typeof e === 'object' && 'nativeEvent' in e ? (e as { nativeEvent: Event }).nativeEvent : e;
  return native instanceof Event && forPopup.has(native);
}
