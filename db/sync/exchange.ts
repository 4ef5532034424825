/**
 * Sync between offices and headquarters, by concern: export (office → HQ), import (either way),
 * the rows of a change package, reference packages (HQ → offices), the import ledger, and who
 * may deliver what. This module only gathers them for the handlers and the CLI.
 */
export { APP_ID, exportChanges, exportChangesToBuffer, exportHistory, pendingChanges, type ExportRecord, type ExportResult } from './export';
export { importPackage } from './import';
export { publishReference } from './reference';
export { acknowledgedVersion, importLedger, missingRanges, officeStates, securityEvents, SILENT_AFTER_DAYS, type LedgerEntry, type OfficeSyncState } from './ledger';
export { inspect } from './inspect';
export type { ImportOutcome, TableCounts } from '../../api/sync-contract';
