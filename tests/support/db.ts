import { openMemoryDatabase } from '../../db/open';
import { createInstallation, type NewInstallation } from '../../db/installation';
import { installBundledChecklists } from '../../db/checklists';

/** A database built by the real migrations, optionally set up as an installation. */
export function memoryDb(setup?: Partial<NewInstallation>) {
  const db = openMemoryDatabase();
  installBundledChecklists(db);
  if (setup) {
    createInstallation(db, {
      role: setup.role ?? 'office',
      prefectureCode: setup.role === 'hq' ? null : (setup.prefectureCode ?? '540100'),
      officeName: setup.officeName ?? '拉萨市经济和信息化局',
      operatorName: setup.operatorName ?? '测试员',
    });
  }
  return db;
}
