import { useEffect, useState } from 'react';

/** The height left for a table body below its page's header and toolbar. */
export function useTableHeight(offset = 300): number {
  const [h, setH] = useState(() => Math.max(300, window.innerHeight - offset));
  useEffect(() => {
    const on = () => setH(Math.max(300, window.innerHeight - offset));
    window.addEventListener('resize', on);
    return () => window.removeEventListener('resize', on);
  }, [offset]);
  return h;
}
