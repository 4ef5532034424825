import { useEffect, useState, type ComponentType, type ReactNode } from 'react';
import { Alert } from 'antd';
import { useI18n } from '../i18n/context';

export interface LazyComponent<P> {
  (props: P): ReactNode;
  /** Starts the download (and compiling) without showing anything; the same promise each time. */
  preload(): Promise<unknown>;
}

/**
 * A component loaded from its own chunk: the first screen (HQ's dashboard) parses only what it
 * shows. Not React.lazy: a Suspense boundary reveals late content at most every 300 ms, which a
 * chunk loaded meanwhile would still pay; here a component already loaded renders at once, and
 * one still loading renders `fallback` (nothing, unless given) until it is there.
 */
export function lazyNamed<M, K extends keyof M>(load: () => Promise<M>, name: K, fallback: ReactNode = null): LazyComponent<M[K] extends ComponentType<infer P> ? P : never> {
  type P = M[K] extends ComponentType<infer Q> ? Q : never;
  let loaded: ComponentType<P> | null = null;
  let loading: Promise<ComponentType<P>> | null = null;
  const preload = () =>
    (loading ??= load().then(
      (m) => (loaded = m[name] as ComponentType<P>),
      (e: unknown) => {
        loading = null; // the next showing tries again
        throw e;
      },
    ));
  function Lazy(props: P) {
    const { t } = useI18n();
    const [component, setComponent] = useState<{ c: ComponentType<P> | null; failed: boolean }>({ c: loaded, failed: false });
    useEffect(() => {
      if (component.c) return;
      let live = true;
      preload().then(
        (c) => live && setComponent({ c, failed: false }),
        () => live && setComponent({ c: null, failed: true }),
      );
      return () => {
        live = false;
      };
    }, [component.c]);
    const C = component.c;
    if (C) return <C {...(props as P & object)} />;
    return component.failed ? <Alert type="error" showIcon message={t('common.pageLoadFailed')} /> : fallback;
  }
  return Object.assign(Lazy, { preload });
}

/**
 * Mounts its children once `open` has been true, and keeps them mounted: a drawer loaded on its
 * first opening still plays its closing animation.
 */
export function OnceOpened({ open, children }: { open: boolean; children: ReactNode }) {
  const [opened, setOpened] = useState(open);
  if (open && !opened) setOpened(true);
  return opened || open ? children : null;
}
