import type { QuestionKind } from '@hongyun/shared';

/** A member's answer as submitted: an option key, several keys, true/false, or texts per blank. */
export type GivenAnswer = string | boolean | string[];

const norm = (s: unknown) => String(s).trim().replace(/\s+/g, ' ').toLowerCase();
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : [v]);

/**
 * Whether an answer matches a question's key (the question bank's format: option keys for
 * choice questions, [true|false] for judge, per blank the accepted text or texts for fill).
 * A malformed answer is simply wrong, never an error.
 */
export function isCorrect(kind: QuestionKind, key: unknown, given: GivenAnswer): boolean {
  switch (kind) {
    case 'single': {
      const k = list(key);
      const g = list(given);
      return k.length === 1 && g.length === 1 && norm(k[0]) === norm(g[0]);
    }
    case 'multiple': {
      const k = new Set(list(key).map(norm));
      const g = new Set(list(given).map(norm));
      return k.size > 0 && k.size === g.size && [...k].every((x) => g.has(x));
    }
    case 'judge': {
      const k = list(key)[0];
      const g = list(given)[0];
      return typeof k === 'boolean' && (g === k || norm(g) === String(k));
    }
    case 'fill': {
      const blanks = list(key);
      const g = list(given);
      return blanks.length > 0 && blanks.length === g.length && blanks.every((accepted, i) => list(accepted).some((a) => norm(a) === norm(g[i])));
    }
    default:
      return false;
  }
}
