import { lazyNamed } from '../components/lazy';

/**
 * Every page but the dashboard (the one the app opens on), each in its own chunk. Once the
 * dashboard is painted, preloadPages() fetches them in the background, so that the first click
 * on 企业 does not wait for a download.
 */
export const EnterprisesPage = lazyNamed(() => import('./enterprises/EnterprisesPage'), 'EnterprisesPage');
export const EnterpriseDetail = lazyNamed(() => import('./enterprises/EnterpriseDetail'), 'EnterpriseDetail');
export const ActivitiesPage = lazyNamed(() => import('./activities/ActivitiesPage'), 'ActivitiesPage');
export const VisitsPage = lazyNamed(() => import('./visits/VisitsPage'), 'VisitsPage');
export const ProblemsPage = lazyNamed(() => import('./problems/ProblemsPage'), 'ProblemsPage');
export const ProblemDetail = lazyNamed(() => import('./problems/ProblemDetail'), 'ProblemDetail');
export const FiguresPage = lazyNamed(() => import('./figures/FiguresPage'), 'FiguresPage');
export const SyncPage = lazyNamed(() => import('./sync/SyncPage'), 'SyncPage');
export const SettingsPage = lazyNamed(() => import('./SettingsPage'), 'SettingsPage');

const ALL = [EnterprisesPage, EnterpriseDetail, ActivitiesPage, VisitsPage, ProblemsPage, ProblemDetail, FiguresPage, SyncPage, SettingsPage];

let asked = false;

/**
 * A second after the first screen's figures arrive, when the browser is idle: compiling the pages
 * must not hold up drawing that screen, and a user takes longer than that to pick another page.
 */
export function preloadPages(): void {
  if (asked) return;
  asked = true;
  const start = () => {
    for (const page of ALL) void page.preload().catch(() => undefined);
  };
  setTimeout(() => (typeof requestIdleCallback === 'function' ? requestIdleCallback(start, { timeout: 2000 }) : start()), 1000);
}
