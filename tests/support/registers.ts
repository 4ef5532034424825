import ExcelJS from 'exceljs';
import { makeUscc } from '../../db/validation/uscc';

/**
 * Registers as prefecture offices keep them in Excel or WPS, never made from our template: a
 * title block, a header in the office's own words (one or two rows), full-width digits and
 * dashes, dates as serials and as text, merged cells, a repeated row, a blank row, a totals row,
 * and columns the app has no field for.
 */

/** Full-width digits and letters, as some input methods type them. */
export const fullWidth = (s: string) => s.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

export const codeOf = (i: number) => makeUscc('91', '540202', `MA6R${String(i).padStart(4, '0')}`);

const counties = ['萨迦县', '日喀则市萨迦县', '拉孜', '桑珠孜区', '亚东县', '江孜', '日喀则定日县', '仁布县'];
const industries = ['农业', '批发零售', '制造业', 'C', '住宿和餐饮业', '信息技术', '建筑业', '交通运输'];
const sizes = ['小型企业', '微型', '中型', '小型', '微型企业', '小企业'];

export interface RegisterRow {
  name: string;
  code: string;
  county: string | null;
  address: string;
  industry: string;
  size: string;
  person: string;
  phone: string;
}

/** The 30 enterprises of the office's register, as written in it. */
export function registerRows(count = 30): RegisterRow[] {
  return Array.from({ length: count }, (_, i) => ({
    name: `日喀则${['青稞', '藏香', '牦牛', '松茸', '氆氇', '唐卡'][i % 6]}${i + 1}号有限公司`,
    code: i % 5 === 0 ? fullWidth(codeOf(i)) : i % 7 === 0 ? ` ${codeOf(i)} ` : codeOf(i),
    county: counties[i % counties.length]!,
    address: `\u3000日喀则市${['上海中路', '珠峰路', '青岛路'][i % 3]}${i + 1}号\u3000`,
    industry: industries[i % industries.length]!,
    size: sizes[i % sizes.length]!,
    person: ['次仁', '卓玛', '扎西', '央金'][i % 4]!,
    phone: i % 4 === 0 ? '0892－880001' : i % 4 === 1 ? fullWidth(`1380892${String(i).padStart(4, '0')}`) : `0892-88${String(i).padStart(4, '0')}`,
  }));
}

/**
 * Register A: a title block over a one-row header (序号, 企业名称, 统一社会信用代码, 所在县区,
 * 详细地址, 行业, 企业规模, 联系人, 联系电话, 成立日期, 备注); rows 12–14 share a merged county
 * cell; row 8 is repeated; a blank row and a 合计 row end it. Row 0's size is 小微 (a question).
 */
export async function officeRegister(rows = registerRows()): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('企业名录');
  ws.mergeCells('A1:K1');
  ws.getCell('A1').value = '日喀则市中小企业名录（2022年）';
  ws.getRow(2).values = ['填报单位：日喀则市经济和信息化局', null, null, null, null, null, null, null, '填报日期：2022年6月'];
  const header = ['序号', '企业名称', '统一社会信用代码', '所在县区', '详细地址', '行业', '企业规模', '联系人', '联系电话', '成立日期', '备注'];
  ws.getRow(3).values = header;
  let r = 4;
  const written: number[] = [];
  rows.forEach((e, i) => {
    const founded = i % 3 === 0 ? new Date(Date.UTC(2015, 4, 18)) : i % 3 === 1 ? '2018年5月18日' : '2019.5.18';
    ws.getRow(r).values = [i + 1, e.name, e.code, e.county, e.address, e.industry, i === 0 ? '小微' : e.size, e.person, e.phone, founded, i % 2 ? '' : '重点企业'];
    written.push(r);
    r++;
    if (i === 4) {
      // Someone pasted the row twice.
      ws.getRow(r).values = ws.getRow(r - 1).values as ExcelJS.CellValue[];
      r++;
    }
  });
  // One county cell merged over three enterprises (rows 12–14), as offices group by county.
  const [a, , c] = [written[8]!, written[9]!, written[10]!];
  for (const row of [a + 1, c]) ws.getCell(`D${row}`).value = null;
  ws.mergeCells(`D${a}:D${c}`);
  r++; // a blank row
  ws.getRow(r).values = ['合计', `共 ${rows.length} 家`];
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * Register B: a notes sheet first, then the data under a two-row header: 基本情况 over 单位名称
 * and 统一代码, 联系方式 over 负责人 and 手机, with 县（区） and 行业类别 merged over both rows.
 */
export async function twoRowRegister(rows = registerRows(6)): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const notes = wb.addWorksheet('填表说明');
  notes.getCell('A1').value = '请按实际情况填写，企业名称须与营业执照一致。';
  const ws = wb.addWorksheet('2022年企业台账');
  ws.mergeCells('A1:F1');
  ws.getCell('A1').value = '2022年中小企业服务台账';
  ws.getRow(2).values = ['基本情况', null, '县（区）', '行业类别', '联系方式', null];
  ws.getRow(3).values = ['单位名称', '统一代码', null, null, '负责人', '手机'];
  ws.mergeCells('A2:B2');
  ws.mergeCells('E2:F2');
  ws.mergeCells('C2:C3');
  ws.mergeCells('D2:D3');
  rows.forEach((e, i) => {
    ws.getRow(4 + i).values = [e.name, e.code, e.county, e.industry, e.person, e.phone];
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** An activity ledger in an office's words: 活动名称 / 时间 / 地点 / 参加人数 / 主办单位 / 清单事项. */
export async function activityRegister(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('活动');
  ws.getCell('A1').value = '2022年政银企对接活动统计表';
  ws.getRow(3).values = ['序号', '活动名称', '时间', '地点', '参加人数', '主办单位', '清单事项', '活动类型'];
  ws.getRow(4).values = [1, '日喀则市政银企对接会', '2022.5.18', '日喀则市', '120人', '市经信局', '第6项', '政银企对接'];
  ws.getRow(5).values = [2, '融资信息对接活动', new Date(Date.UTC(2022, 5, 8)), '桑珠孜区', fullWidth('85'), '市经信局', '（七）', '融资信息对接活动'];
  ws.getRow(6).values = ['小计', null, null, null, 205];
  return Buffer.from(await wb.xlsx.writeBuffer());
}
