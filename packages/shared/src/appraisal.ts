// The democratic appraisal's pure rules (民主评议党员, domain-rules §2.1 and §2.2): how many
// members may be rated 优秀, which grades need a written reason, and whether a member has done
// their part. The server and the web apply the same functions.

import type { MemberCategory } from './enums';
import { APPRAISAL_GRADES, APPRAISAL_GRADE_LABELS, ORG_LIFE_SETTINGS, type AppraisalGrade } from './orglife';

/**
 * Below this many peer ballots a member's peer-review figures are not shown to anyone: with a
 * single ballot, the progress list ("who has reviewed") would name its author.
 */
export const APPRAISAL_MIN_BALLOTS_SHOWN = 2;

/** Grades the committee must explain in words (优秀 leads to commendation; the others to help or measures). */
export const GRADES_NEEDING_REASON: readonly AppraisalGrade[] = ['excellent', 'basicallyQualified', 'unqualified'];

/**
 * The most members who may be rated 优秀: a share of the participants, rounded down
 * ("一般不超过党员总数的三分之一"). A share outside (0, 1] falls back to the default.
 */
export function maxExcellent(participants: number, share: number = ORG_LIFE_SETTINGS.excellentMaxShare.value): number {
  const s = Number.isFinite(share) && share > 0 && share <= 1 ? share : ORG_LIFE_SETTINGS.excellentMaxShare.value;
  // A tiny tolerance so that 9 × (1/3) counts as 3 despite floating point.
  return Math.max(0, Math.floor(participants * s + 1e-9));
}

/** Probationary members take part but are not rated 优秀 (domain-rules §2.2). */
export function gradeAllowedFor(category: MemberCategory, grade: AppraisalGrade): boolean {
  return !(category === 'probationary' && grade === 'excellent');
}

export function emptyGradeCounts(): Record<AppraisalGrade, number> {
  return { excellent: 0, qualified: 0, basicallyQualified: 0, unqualified: 0 };
}

export function countGrades(grades: readonly (AppraisalGrade | null | undefined)[]): Record<AppraisalGrade, number> {
  const counts = emptyGradeCounts();
  for (const g of grades) if (g) counts[g] += 1;
  return counts;
}

export interface ProposalParticipant {
  memberId: number;
  name: string;
  category: MemberCategory;
}

export interface ProposedGrade {
  memberId: number;
  grade: AppraisalGrade;
  reason?: string | null;
}

export interface ProposalIssue {
  /** The field in the request (`grades`, `grades.3.reason`). */
  path: string;
  message: string;
}

/**
 * Checks the committee's proposal: every participant graded once, reasons where required, no
 * probationary member rated 优秀, and 优秀 within the share. Returns the problems, first the
 * per-row ones in order; an empty list means the proposal stands.
 */
export function checkProposal(
  participants: readonly ProposalParticipant[],
  grades: readonly ProposedGrade[],
  share: number = ORG_LIFE_SETTINGS.excellentMaxShare.value,
): ProposalIssue[] {
  const issues: ProposalIssue[] = [];
  const byId = new Map(participants.map((p) => [p.memberId, p]));
  const seen = new Set<number>();
  grades.forEach((g, i) => {
    const p = byId.get(g.memberId);
    if (!p) {
      issues.push({ path: `grades.${i}.memberId`, message: '该党员不在本次民主评议的参评名单中，请刷新页面' });
      return;
    }
    if (seen.has(g.memberId)) {
      issues.push({ path: `grades.${i}.memberId`, message: `${p.name} 重复出现，每名党员只评定一个等次` });
      return;
    }
    seen.add(g.memberId);
    if (!gradeAllowedFor(p.category, g.grade)) {
      issues.push({ path: `grades.${i}.grade`, message: `${p.name} 是预备党员，不能评为“优秀”，请选择其他等次` });
    }
    if (GRADES_NEEDING_REASON.includes(g.grade) && !g.reason?.trim()) {
      issues.push({ path: `grades.${i}.reason`, message: `${p.name} 拟评为“${APPRAISAL_GRADE_LABELS[g.grade].zh}”，请填写评定理由` });
    }
  });
  const missing = participants.filter((p) => !seen.has(p.memberId));
  if (missing.length > 0) {
    issues.push({ path: 'grades', message: `还有 ${missing.length} 名党员未评定等次：${missing.map((p) => p.name).join('、')}` });
  }
  const limit = maxExcellent(participants.length, share);
  const excellent = grades.filter((g) => g.grade === 'excellent' && byId.has(g.memberId)).length;
  if (excellent > limit) {
    issues.push({ path: 'grades', message: `评为“优秀”的有 ${excellent} 人，超过上限 ${limit} 人（参评党员 ${participants.length} 人，优秀一般不超过三分之一），请调整` });
  }
  return issues;
}

/** A member has done their part when the self-review is in and every other participant reviewed. */
export function reviewFinished(selfSubmitted: boolean, reviewedCount: number, participantCount: number): boolean {
  return selfSubmitted && reviewedCount >= Math.max(0, participantCount - 1);
}

/** The appeal window is open through `appealUntil` (inclusive, a Shanghai date). */
export function appealOpen(appealUntil: string | null, today: string): boolean {
  return appealUntil !== null && today <= appealUntil;
}

export function isAppraisalGrade(value: unknown): value is AppraisalGrade {
  return typeof value === 'string' && (APPRAISAL_GRADES as readonly string[]).includes(value);
}
