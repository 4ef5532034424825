// Types of scripts/stage-lock.mjs, for the tests.
export interface LockEntry {
  version?: string;
  resolved?: string;
  integrity?: string;
  dev?: boolean;
  optional?: boolean;
  devOptional?: boolean;
  peer?: boolean;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  [field: string]: unknown;
}
export interface Lockfile {
  name?: string;
  version?: string;
  lockfileVersion: number;
  requires?: boolean;
  packages: Record<string, LockEntry>;
}
export function resolveInLock(packages: Record<string, LockEntry>, from: string, name: string): string | null;
export function productionClosure(packages: Record<string, LockEntry>, names: string[]): string[];
export function stageLockfile(lock: Lockfile, pkg: { name: string; version: string; license?: string; dependencies: Record<string, string> }): Lockfile;
