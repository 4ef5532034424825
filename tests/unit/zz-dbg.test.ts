import { it } from 'vitest';
import { runImport } from '../../db/excel/transfer';
import { excelWorld, hostileWorkbooks } from '../reliability/fuzz';
import { prng } from '../support/mutate';
it('dbg', async () => {
  const w = await excelWorld();
  const h = hostileWorkbooks(w.files.enterprises[0]!.bytes, prng(7)).find((x) => x.name === process.env.CASE)!;
  const r = runImport(w.db, 'enterprises', h.bytes, 'x.xlsx', false);
  console.log(JSON.stringify({ ...r, columns: r.columns.length, fields: 0 }).slice(0, 1500));
}, 60000);
