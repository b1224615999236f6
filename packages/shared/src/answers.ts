// Answer keys and answers of the question bank, checked the same way everywhere (quick quiz,
// exams, contests, chapter quizzes). Pure functions: the server is the only place that runs
// them against a key; the client never receives a key before it has answered.
//
// Stored key (question.answer):   single ['B'] · multiple ['A','C'] · judge [true] · fill [['党章','中国共产党章程'], ['…']]
// A member's answer:              single 'B'  · multiple ['A','C']  · judge true   · fill ['党章', '…']

import type { QuestionKind } from './learning';

export interface QuestionOption {
  key: string;
  text: string;
}
export type AnswerKey = string[] | boolean[] | string[][];
export type MemberAnswer = string | string[] | boolean;

/** Option keys in order: A, B, C, … (at most 8 options). */
export const OPTION_KEYS = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'] as const;
export const MAX_BLANKS = 10;

/**
 * Fill-in answers compare after normalising what people type differently for the same word:
 * surrounding and inner spaces, full-width letters and digits, Latin case, and the trailing
 * punctuation of a sentence.
 */
export function normaliseFill(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/[。．.，,；;！!？?、]+$/u, '')
    .toLowerCase();
}

/** Why a key does not fit its kind and options (zh-CN), or null when it is sound. */
export function keyProblem(kind: QuestionKind, options: QuestionOption[], key: unknown): string | null {
  const optionKeys = new Set(options.map((o) => o.key));
  if (!Array.isArray(key) || key.length === 0) return '请填写正确答案';
  switch (kind) {
    case 'single':
      if (key.length !== 1 || typeof key[0] !== 'string') return '单选题只能有一个正确选项';
      if (!optionKeys.has(key[0])) return `正确答案 ${String(key[0])} 不是已有的选项`;
      return null;
    case 'multiple': {
      if (!key.every((k) => typeof k === 'string')) return '多选题的正确答案应为选项字母';
      if (key.length < 2) return '多选题至少有两个正确选项（只有一个时请改为单选题）';
      if (new Set(key).size !== key.length) return '正确选项有重复';
      const unknown = key.filter((k) => !optionKeys.has(k as string));
      if (unknown.length) return `正确答案 ${unknown.join('、')} 不是已有的选项`;
      return null;
    }
    case 'judge':
      return key.length === 1 && typeof key[0] === 'boolean' ? null : '判断题的答案应为“正确”或“错误”';
    case 'fill': {
      if (key.length > MAX_BLANKS) return `填空题最多 ${MAX_BLANKS} 个空`;
      for (const [i, accepted] of key.entries()) {
        if (!Array.isArray(accepted) || accepted.length === 0 || !accepted.every((a) => typeof a === 'string' && normaliseFill(a) !== '')) {
          return `第 ${i + 1} 个空请至少填写一个可接受的答案`;
        }
      }
      return null;
    }
  }
}

/** Why options do not fit the kind (zh-CN), or null. Choice questions have 2–8 distinct options. */
export function optionsProblem(kind: QuestionKind, options: QuestionOption[]): string | null {
  if (kind === 'judge' || kind === 'fill') return options.length === 0 ? null : '判断题和填空题不设选项';
  if (options.length < 2) return '选择题至少需要两个选项';
  if (options.length > OPTION_KEYS.length) return `选择题最多 ${OPTION_KEYS.length} 个选项`;
  for (const [i, o] of options.entries()) {
    if (o.key !== OPTION_KEYS[i]) return `选项应依次为 ${OPTION_KEYS.slice(0, options.length).join('、')}`;
    if (!o.text.trim()) return `选项 ${o.key} 的内容不能为空`;
  }
  if (new Set(options.map((o) => o.text.trim())).size !== options.length) return '选项内容有重复';
  return null;
}

/** Why an answer does not fit the question's kind (zh-CN), or null. Checked before it is graded. */
export function answerProblem(kind: QuestionKind, options: QuestionOption[], blanks: number, answer: unknown): string | null {
  const optionKeys = new Set(options.map((o) => o.key));
  switch (kind) {
    case 'single':
      return typeof answer === 'string' && optionKeys.has(answer) ? null : '请选择一个选项';
    case 'multiple':
      if (!Array.isArray(answer) || answer.length === 0 || !answer.every((a) => typeof a === 'string' && optionKeys.has(a))) return '请选择一个或多个选项';
      return new Set(answer).size === answer.length ? null : '选项有重复';
    case 'judge':
      return typeof answer === 'boolean' ? null : '请选择“正确”或“错误”';
    case 'fill':
      if (!Array.isArray(answer) || !answer.every((a) => typeof a === 'string')) return '请按空填写答案';
      if (answer.length !== blanks) return `本题有 ${blanks} 个空，请逐空填写`;
      return answer.every((a) => a.length <= 200) ? null : '每个空不超过 200 个字符';
  }
}

/** Number of blanks of a fill-in key (0 for other kinds); the client needs it to draw inputs. */
export function blanksOf(kind: QuestionKind, key: unknown): number {
  return kind === 'fill' && Array.isArray(key) ? key.length : 0;
}

/**
 * Whether an answer (already shape-checked by `answerProblem`) matches the key. Multiple
 * choice needs exactly the key's options (no partial credit); fill-in needs every blank to
 * match one of its accepted texts after `normaliseFill`.
 */
export function isCorrect(kind: QuestionKind, key: unknown, answer: unknown): boolean {
  if (!Array.isArray(key)) return false;
  switch (kind) {
    case 'single':
      return key.length === 1 && answer === key[0];
    case 'multiple': {
      if (!Array.isArray(answer)) return false;
      const given = new Set(answer);
      return given.size === key.length && key.every((k) => given.has(k));
    }
    case 'judge':
      return answer === key[0];
    case 'fill':
      return (
        Array.isArray(answer) &&
        answer.length === key.length &&
        key.every((accepted, i) => Array.isArray(accepted) && accepted.some((a) => normaliseFill(String(a)) === normaliseFill(String(answer[i]))))
      );
  }
}

/** A key in words for explanations and exports: 'B', 'A、C', '正确', '党章 | 中国共产党章程；…'. */
export function keyText(kind: QuestionKind, key: unknown): string {
  if (!Array.isArray(key)) return '';
  if (kind === 'judge') return key[0] === true ? '正确' : '错误';
  if (kind === 'fill') return key.map((accepted) => (Array.isArray(accepted) ? accepted.join(' | ') : String(accepted))).join('；');
  return key.join('、');
}
