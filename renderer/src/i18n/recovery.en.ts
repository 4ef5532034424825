import type { recoveryZh } from './recovery.zh';

export const recoveryEn: Record<keyof typeof recoveryZh, string> = {
  'recovery.title.db_corrupt': 'The database file is damaged',
  'recovery.title.db_newer': 'The database was created by a newer version of the app',
  'recovery.title.db_unreadable': 'The database cannot be read',
  'recovery.title.data_readonly': 'The data folder is read-only',
  'recovery.title.disk_full': 'The disk is full',
  'recovery.howRestore': 'Choose a backup to restore. The app then runs on the backup’s data at once; the database file that cannot be used is renamed and kept in the data folder (ledger.sqlite.broken-<time>), never deleted.',
  'recovery.howNewer': 'Install the newer version of SME Ledger to open this data; to keep using this version, restore a backup made by it.',
  'recovery.howFix': 'Once the problem is fixed, click “Check again”; no restart is needed.',
  'recovery.backups': 'Backups in the data folder',
  'recovery.noBackups': 'There is no backup in the data folder. If you have a backup file (ledger-….sqlite) from elsewhere, put it in the backups folder inside the data folder below, then click “Check again”.',
  'recovery.restore': 'Restore this backup',
  'recovery.restoreConfirm': 'Replace the database that cannot be used by this backup? The old file is renamed and kept, not deleted.',
  'recovery.restored': 'Backup restored. The old database file is kept as: {file}',
  'recovery.restoredPlain': 'Backup restored',
  'recovery.dataDir': 'Data folder: ',
  'recovery.openFolder': 'Open the data folder',
  'recovery.retry': 'Check again',
  'recovery.details': 'Technical details',
  'recovery.banner': 'The database file is damaged and the operation did not complete. What you typed is still in the form: copy it if you need it, then restore a backup.',
  'recovery.bannerAction': 'Restore a backup',
};
