import { useEffect, useState } from 'react';

/**
 * True once the screen has been painted with `ready` true: work that can wait (the next section's
 * request, a card below the fold) starts after the user sees the first one, instead of competing
 * with its rendering for the CPU. A frame, then a task: the task runs after that frame's paint.
 * The timer is for a page in the background, where frames wait until it is shown.
 */
export function usePainted(ready: boolean): boolean {
  const [painted, setPainted] = useState(false);
  useEffect(() => {
    if (!ready || painted) return;
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      setPainted(true);
    };
    let task: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => (task = setTimeout(finish, 0)));
    const fallback = setTimeout(finish, 1000);
    return () => {
      done = true;
      cancelAnimationFrame(frame);
      clearTimeout(task);
      clearTimeout(fallback);
    };
  }, [ready, painted]);
  return painted;
}
