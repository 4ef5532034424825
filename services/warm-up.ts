import type { AppContext } from './context';
import { getInstallation } from '../db/installation';
import { currentChecklist } from '../db/checklists';
import { today } from '../db/clock';
import { evaluateInTurns, type Progress } from '../db/indicators/engine';
import { nextTurn } from '../db/indicators/turns';
import { workFigures } from './handlers/progress';

/**
 * The figures the app opens on (HQ: the region; an office: its prefecture; this year, as of
 * today), worked out as soon as a long-running host starts, in turns, while the browser or window
 * is still loading the page. The dashboard's request then shares that computation (or its
 * result, until the data changes) instead of starting it: at HQ's scale the page's load and the
 * figures' first computation take about a second each, and now overlap.
 *
 * Only for processes that keep running (the browser host, the desktop's data worker): a CLI
 * command would wait for it before exiting. A failure here is not reported: the dashboard asks
 * again and says what is wrong then.
 */
export async function warmUpFigures(ctx: AppContext): Promise<Progress | null> {
  try {
    const db = ctx.database();
    const me = db && getInstallation(db);
    const year = db && currentChecklist(db)?.year;
    if (!db || !me || !year) return null;
    const scope = { year, prefectureCode: me.role === 'office' ? me.prefectureCode : null, asOf: today() };
    const progress = await evaluateInTurns(db, scope);
    // The rest of the dashboard's answer too (problems per unit reads every open problem).
    await nextTurn();
    workFigures(db, scope);
    return progress;
  } catch {
    // Closed meanwhile, damaged, not set up: the dashboard's own request deals with it.
    return null;
  }
}
