import { useApp } from '../state/app';

/** Whether a record was made here: only those can be changed (HQ reads the offices' records). */
export function useOwn(): (origin: string) => boolean {
  const id = useApp((s) => s.status?.installation?.id);
  return (origin) => origin === id;
}
