import { useApp } from '../state/app';

/** Whether this installation is the regional headquarters. */
export function useIsHq(): boolean {
  return useApp((s) => s.status?.installation?.role === 'hq');
}
