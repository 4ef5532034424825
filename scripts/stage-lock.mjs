// The lockfile of the staged app (scripts/dist.mjs): the project's package-lock.json cut down to the
// production closure of the few modules the bundles leave out. Every entry keeps its place in the
// tree (a nested copy stays nested, so two versions of one name stay two), its version, its
// resolved address and its integrity, so `npm ci` in the stage installs exactly what the project's
// lockfile pinned, and nothing else.

/** Where `name` resolves from the package at `from` (a lockfile key), by Node's rule: the nearest node_modules upward. */
export function resolveInLock(packages, from, name) {
  let base = from;
  for (;;) {
    const key = `${base ? `${base}/` : ''}node_modules/${name}`;
    if (packages[key]) return key;
    if (!base) return null;
    const i = base.lastIndexOf('/node_modules/');
    base = i < 0 ? '' : base.slice(0, i);
  }
}

/**
 * The lockfile keys of the production closure of `names` (the root's dependencies): each package's
 * dependencies, the optional dependencies that the lockfile holds, and its peers not marked optional.
 * A required dependency the lockfile cannot resolve is an error: the stage would be incomplete.
 */
export function productionClosure(packages, names) {
  const seen = new Set();
  const visit = (from, name, required) => {
    const key = resolveInLock(packages, from, name);
    if (!key) {
      if (required) throw new Error(`package-lock.json has no ${name} for ${from || 'the project'}: run npm install`);
      return;
    }
    if (seen.has(key)) return;
    seen.add(key);
    const entry = packages[key];
    for (const dep of Object.keys(entry.dependencies ?? {})) visit(key, dep, true);
    for (const dep of Object.keys(entry.optionalDependencies ?? {})) visit(key, dep, false);
    // npm installs a peer unless it is marked optional (then only if something else needs it).
    for (const dep of Object.keys(entry.peerDependencies ?? {})) if (!entry.peerDependenciesMeta?.[dep]?.optional) visit(key, dep, true);
  };
  for (const name of names) visit('', name, true);
  return [...seen].sort();
}

/** The staged app's package-lock.json, for the staged package.json `pkg` (its dependencies only). */
export function stageLockfile(lock, pkg) {
  if (lock.lockfileVersion < 2 || !lock.packages) throw new Error('package-lock.json is older than lockfileVersion 2: run npm install with npm 7 or later');
  const packages = {
    '': { name: pkg.name, version: pkg.version, license: pkg.license, dependencies: pkg.dependencies },
  };
  for (const key of productionClosure(lock.packages, Object.keys(pkg.dependencies))) {
    // In the stage everything is production; npm recomputes these flags from the tree.
    const { dev: _dev, devOptional: _devOptional, peer: _peer, ...entry } = lock.packages[key];
    packages[key] = entry;
  }
  return { name: pkg.name, version: pkg.version, lockfileVersion: 3, requires: true, packages };
}
