import type { Database } from '../../db/database';
import type { Access } from '../../platform/access';
import { audit } from '../../platform/audit';
import { invalidField } from '../../platform/errors';
import type { RowIssue } from '../../platform/xlsx';
import { createQuestionRepository } from './question.repository';
import { bankOrg, bankScope, checkQuestion } from './question.service';
import { parseQuestionRow, questionWorkbook, readQuestionSheet, type ParsedQuestion } from './question.sheet';
import type { QuestionFilterT } from './quiz.schemas';

const MAX_ROWS = 2000;
const EXPORT_LIMIT = 20_000;
const FIELD_COLUMN: Record<string, string> = { options: '选项A', answer: '正确答案' };

export function createQuestionImportService(deps: { db: Database }) {
  const { db } = deps;
  const repo = createQuestionRepository(db);

  return {
    /**
     * Checks every row (row, column, value, why) before anything is written; then, unless
     * `mode` is 'check', writes in one transaction: 'all' only when every row is valid,
     * 'validOnly' the valid rows. Imported questions wait for review (pending). A stem that
     * appears twice in the file is refused on its second row.
     */
    async importQuestions(access: Access, input: { orgId?: number; mode: 'check' | 'all' | 'validOnly'; buffer: Buffer; fileName: string }) {
      const org = await bankOrg(db, access, input.orgId);
      const { rows, problem } = await readQuestionSheet(input.buffer);
      if (problem) invalidField('file', problem);
      if (rows.length > MAX_ROWS) invalidField('file', `一次最多导入 ${MAX_ROWS} 道题，请拆分文件`);
      const issues: RowIssue[] = [];
      const valid: { row: number; value: ParsedQuestion }[] = [];
      const seen = new Map<string, number>();
      for (const r of rows) {
        const parsed = parseQuestionRow(r);
        if (!parsed.value) {
          issues.push(...parsed.issues);
          continue;
        }
        const checked = checkQuestion(parsed.value);
        if (checked.issues.length) {
          for (const i of checked.issues) issues.push({ row: r.row, column: FIELD_COLUMN[i.path] ?? i.path, value: i.path === 'answer' ? r.values.answer ?? '' : '', reason: i.message });
          continue;
        }
        const first = seen.get(checked.value.stem);
        if (first) {
          issues.push({ row: r.row, column: '题干', value: checked.value.stem.slice(0, 50), reason: `与第${first}行重复，同一道题只填一行` });
          continue;
        }
        seen.set(checked.value.stem, r.row);
        valid.push({ row: r.row, value: checked.value as ParsedQuestion });
      }
      issues.sort((a, b) => a.row - b.row);
      const report = { total: rows.length, valid: valid.length, issues, created: 0, committed: false };
      if (input.mode === 'check' || valid.length === 0 || (input.mode === 'all' && issues.length > 0)) return report;
      await db.transaction().execute(async (tx) => {
        const r = createQuestionRepository(tx);
        for (const v of valid) await r.create({ ...v.value, orgId: org.id, orgPath: org.path, status: 'pending', createdBy: access.actor.userId });
        await audit(tx, access.actor, { action: 'question.import', targetType: 'org', targetId: org.id, orgPath: org.path, detail: { fileName: input.fileName, mode: input.mode, created: valid.length, skipped: rows.length - valid.length } });
      });
      return { ...report, created: valid.length, committed: true };
    },

    /** The caller's bank under a filter as .xlsx in the import layout, audited. */
    async exportQuestions(access: Access, filter: QuestionFilterT): Promise<Buffer> {
      const rows = await repo.exportRows(bankScope(access), filter, EXPORT_LIMIT);
      await audit(db, access.actor, { action: 'question.export', targetType: 'question', orgPath: access.paths('question.manage')[0] ?? null, detail: { filter, rows: rows.length } });
      return questionWorkbook(rows);
    },
  };
}
