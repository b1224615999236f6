import ExcelJS from 'exceljs';
import { EXAMPLE_MARK, type RowIssue, type SheetColumn, type SheetRow } from '../../platform/xlsx';
import { OPERATING_STATUS_LABELS, PARTY_STATUS_LABELS, isValidDate, makeUscc, validateUscc, type OperatingStatus, type PartyStatus } from '@hongyun/shared';

// The registry spreadsheet: its columns, the template with an instruction sheet and the row
// checks (reading a workbook and the export workbook are platform/xlsx.ts).

export const REGISTRY_SHEET = '企业名录';
const YES = '是';
const NO = '否';

type Kind = 'text' | 'uscc' | 'int' | 'date' | 'flag' | 'status' | 'party' | 'kind' | 'carrier';
interface Column extends SheetColumn { kind: Kind; required?: boolean; max?: number; help: string }

/** The import template's columns, in order (titles are what a user sees and types). */
export const REGISTRY_COLUMNS: Column[] = [
  { key: 'uscc', title: '统一社会信用代码', kind: 'uscc', required: true, help: '18位，见营业执照；同一代码只登记一次' },
  { key: 'name', title: '单位名称', kind: 'text', required: true, max: 120, help: '营业执照上的全称', aliases: ['企业名称', '名称'] },
  { key: 'kindCode', title: '企业类别', kind: 'kind', help: '新闻门户、社交媒体、商务平台、网商群体或本地新增的类别' },
  { key: 'carrierId', title: '所在载体', kind: 'carrier', help: '本镇（街道）已登记的园区、楼宇、众创空间或特色小镇名称；没有可留空' },
  { key: 'address', title: '地址', kind: 'text', max: 200, help: '经营地址', aliases: ['住所', '经营场所'] },
  { key: 'staffCount', title: '从业人数', kind: 'int', help: '整数；不少于10人且正常经营、有固定场所的企业计入覆盖率分母' },
  { key: 'foundedOn', title: '成立日期', kind: 'date', help: 'YYYY-MM-DD' },
  { key: 'settledOn', title: '落户日期', kind: 'date', help: 'YYYY-MM-DD；90天内落户的企业会生成排查摸底任务' },
  { key: 'operatingStatus', title: '经营状态', kind: 'status', help: `${Object.values(OPERATING_STATUS_LABELS).map((l) => l.zh).join('、')}；留空为正常经营`, aliases: ['登记状态'] },
  { key: 'statusReason', title: '状态原因', kind: 'text', max: 200, help: '不在正常经营时必填' },
  { key: 'hasFixedPremises', title: '有固定场所', kind: 'flag', help: '是/否，留空为是' },
  { key: 'investorPartyStatus', title: '出资人政治面貌', kind: 'party', help: '党员、非党员或未知' },
  { key: 'managerPartyStatus', title: '管理层政治面貌', kind: 'party', help: '党员、非党员或未知' },
  { key: 'hrContactName', title: '人事联系人', kind: 'text', max: 50, help: '' },
  { key: 'hrContactPhone', title: '人事联系电话', kind: 'text', max: 30, help: '' },
  { key: 'liaisonName', title: '党建联络员', kind: 'text', max: 50, help: '' },
  { key: 'liaisonPhone', title: '联络员电话', kind: 'text', max: 30, help: '' },
  { key: 'instructorName', title: '党建指导员', kind: 'text', max: 50, help: '' },
  { key: 'instructorPhone', title: '指导员电话', kind: 'text', max: 30, help: '' },
  { key: 'hasUnion', title: '建有工会', kind: 'flag', help: '是/否' },
  { key: 'hasYouthLeague', title: '建有团组织', kind: 'flag', help: '是/否' },
];

/** What a reconciliation extract (e.g. from market regulation) must and may carry. */
export const EXTRACT_KEYS = ['uscc', 'name', 'operatingStatus', 'address', 'staffCount', 'foundedOn', 'settledOn'];


const statusByText = new Map<string, OperatingStatus>([
  ...Object.entries(OPERATING_STATUS_LABELS).flatMap(([k, l]) => [[l.zh, k], [k, k]] as [string, OperatingStatus][]),
  // Words a market-regulation extract uses for the same states.
  ['存续', 'operating'], ['在业', 'operating'], ['开业', 'operating'], ['正常', 'operating'], ['注销', 'closed'], ['吊销', 'closed'], ['已注销', 'closed'],
  ['迁出', 'movedOut'], ['停业', 'suspended'], ['歇业', 'suspended'], ['空壳', 'shell'],
]);
const partyByText = new Map<string, PartyStatus>(Object.entries(PARTY_STATUS_LABELS).flatMap(([k, l]) => [[l.zh, k], [k, k]] as [string, PartyStatus][]));

/** Lookups a row's names resolve against (the town's carriers, the deployment's kinds). */
export interface Lookups { kinds: Map<string, string>; carriers: Map<string, number>; today: string }

/**
 * One row's values, typed and checked; each problem names the row, column, value and what to
 * do. Blank optional cells stay undefined (an import never clears a field it does not carry).
 */
export function parseRow(r: SheetRow, columns: Column[], look: Lookups) {
  const issues: RowIssue[] = [];
  const out: Record<string, unknown> = {};
  for (const c of columns) {
    const raw = r.values[c.key];
    if (raw === undefined) continue;
    const v = raw.trim();
    const bad = (reason: string) => issues.push({ row: r.row, column: c.title, value: v, reason });
    if (v === '') {
      if (c.required) bad(`请填写${c.title}`);
      continue;
    }
    switch (c.kind) {
      case 'uscc': {
        const u = validateUscc(v);
        if (u.ok) out[c.key] = u.value;
        else bad(u.message);
        break;
      }
      case 'text':
        if (c.max && v.length > c.max) bad(`不能超过 ${c.max} 个字符`);
        else out[c.key] = v;
        break;
      case 'int':
        if (/^\d+$/.test(v) && Number(v) <= 10_000_000) out[c.key] = Number(v);
        else bad('应为不小于0的整数');
        break;
      case 'date': {
        const d = v.replace(/[./年月]/g, '-').replace(/日$/, '').replace(/-(\d)(?=-|$)/g, '-0$1');
        if (!isValidDate(d)) bad('日期格式应为 YYYY-MM-DD');
        else if (d > look.today) bad('日期不能晚于今天');
        else out[c.key] = d;
        break;
      }
      case 'flag':
        if (v === YES || v === NO) out[c.key] = v === YES;
        else bad('请填写"是"或"否"');
        break;
      case 'status':
        if (statusByText.has(v)) out[c.key] = statusByText.get(v);
        else bad(`不认识的经营状态，可填：${Object.values(OPERATING_STATUS_LABELS).map((l) => l.zh).join('、')}`);
        break;
      case 'party':
        if (partyByText.has(v)) out[c.key] = partyByText.get(v);
        else bad('请填写党员、非党员或未知');
        break;
      case 'kind':
        if (look.kinds.has(v)) out[c.key] = look.kinds.get(v);
        else bad('企业类别不存在，请填写已有类别的名称');
        break;
      case 'carrier':
        if (look.carriers.has(v)) out[c.key] = look.carriers.get(v);
        else bad('本镇（街道）没有这个载体，请先在"载体"中登记或留空');
        break;
    }
  }
  const status = out.operatingStatus as string | undefined;
  if (status && status !== 'operating' && !out.statusReason && columns.some((c) => c.key === 'statusReason')) {
    issues.push({ row: r.row, column: '状态原因', value: '', reason: '企业不在正常经营时，请填写原因' });
  }
  if (out.foundedOn && out.settledOn && (out.settledOn as string) < (out.foundedOn as string)) issues.push({ row: r.row, column: '落户日期', value: String(out.settledOn), reason: '落户日期不能早于成立日期' });
  return { values: out, issues };
}

/** The import template: the registry sheet with one fictional example and a 填写说明 sheet. */
export async function registryTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(REGISTRY_SHEET);
  ws.columns = REGISTRY_COLUMNS.map((c) => ({ header: c.required ? `${c.title}*` : c.title, key: c.key, width: Math.max(12, c.title.length * 2 + 4) }));
  ws.getRow(1).font = { bold: true };
  ws.addRow({ uscc: makeUscc('91330483MA2B3C4D5'), name: `${EXAMPLE_MARK}桐乡示例网络科技有限公司`, kindCode: '商务平台', address: '乌镇互联网创新发展试验区1号楼', staffCount: 35, foundedOn: '2024-03-01', settledOn: '2024-05-10', operatingStatus: '正常经营', hasFixedPremises: YES });
  const help = wb.addWorksheet('填写说明');
  help.columns = [{ header: '列', key: 'title', width: 20 }, { header: '是否必填', key: 'required', width: 10 }, { header: '填写要求', key: 'help', width: 80 }];
  help.getRow(1).font = { bold: true };
  for (const c of REGISTRY_COLUMNS) help.addRow({ title: c.title, required: c.required ? '必填' : '', help: c.help });
  help.addRow({});
  help.addRow({ title: '说明', help: '上传时先逐行检查并列出问题（行号、列、填写值、原因），确认后才写入；可选择"全部无误才导入"或"只导入无误的行"。' });
  help.addRow({ title: '去重', help: '同一文件中统一社会信用代码重复、或与名录中已有企业重复的行不会导入。' });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
