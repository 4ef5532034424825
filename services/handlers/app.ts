import type { Contract, MethodName } from '../../api/contract';
import type { z } from 'zod';
import { createInstallation, setOperator } from '../../db/installation';
import { setSetting } from '../../db/settings';
import { UserError } from '../../db/errors';
import { findPrefecture } from '../../db/reference/bundled';
import type { AppContext } from '../context';
import { referenceView, statusView } from '../views';
import { ledgerHandlers } from './ledger';
import { syncHandlers } from './sync';
import { progressHandlers } from './progress';
import { backupHandlers } from './backup';
import { moveHandlers } from './move';
import { checklistHandlers } from './checklists';
import { supervisionHandlers } from './supervision';

type Handlers = {
  [M in MethodName]: (ctx: AppContext, input: z.output<Contract[M]['input']>) => Contract[M]['output'] | Promise<Contract[M]['output']>;
};

/** The implementation of every API method; transports reach these only through dispatch(). */
export const handlers: Handlers = {
  'app.status': (ctx) => statusView(ctx),

  'app.setup': (ctx, input) => {
    if (ctx.database()) {
      throw new UserError('already_set_up', 'This installation is already set up.', '本机已完成设置，不能重复设置。');
    }
    if (input.prefectureCode !== null && !findPrefecture(input.prefectureCode)) {
      throw new UserError(
        'unknown_prefecture',
        `${input.prefectureCode} is not one of the seven prefecture-level divisions.`,
        `${input.prefectureCode} 不是西藏的七个地（市）之一。`,
      );
    }
    const db = ctx.createDatabase();
    db.transaction(() => {
      createInstallation(db, {
        role: input.role,
        prefectureCode: input.prefectureCode,
        officeName: input.officeName,
        operatorName: input.operatorName,
      });
      setSetting(db, 'language', input.language);
    })();
    // The installation's signing key (and HQ's encryption key), made once, kept beside the database.
    if (!ctx.keys.exists()) ctx.keys.create(input.role === 'hq');
    return statusView(ctx);
  },

  'settings.setLanguage': (ctx, input) => {
    setSetting(ctx.requireDatabase(), 'language', input.language);
    return statusView(ctx);
  },

  'settings.setOperator': (ctx, input) => {
    setOperator(ctx.requireDatabase(), input.operatorName);
    return statusView(ctx);
  },

  'reference.get': (ctx) => referenceView(ctx),
  ...ledgerHandlers,
  ...syncHandlers,
  ...progressHandlers,
  ...backupHandlers,
  ...moveHandlers,
  ...checklistHandlers,
  ...supervisionHandlers,
};
