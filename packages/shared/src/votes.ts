// Votes at a 支部党员大会 (domain-rules.md §2.1, 《中国共产党支部工作条例（试行）》第十一条;
// 发展党员工作细则 §21): only full members (正式党员) of the organisation have a vote;
// probationary members (预备党员) have none (党章 art. 7). A vote needs more than half of
// those entitled to be present, and passes when the yes votes exceed half of those ENTITLED,
// not of those present.

import type { Attendance } from './orglife';
import type { MemberCategory } from './enums';

export const VOTE_RULE_CITATION =
  '《中国共产党支部工作条例（试行）》第十一条：进行表决时，有表决权的到会党员须超过应到会有表决权党员的半数；赞成票超过应到会有表决权党员的半数为通过';

export interface VoteTally {
  /** Live full members of the organisation: those with a vote. */
  entitled: number;
  /** Of them, those at the meeting (in the room or online). */
  present: number;
  yes: number;
  no: number;
  abstain: number;
}

export interface VoteOutcome {
  /** More than half of the entitled present. */
  quorumMet: boolean;
  /** Yes votes more than half of the entitled (and a quorum). */
  passed: boolean;
  /** Fewest present for a quorum. */
  quorumNeeded: number;
  /** Fewest yes votes to pass. */
  yesNeeded: number;
}

/** "More than half of n": the smallest whole number above n / 2. */
export function moreThanHalf(n: number): number {
  return Math.floor(n / 2) + 1;
}

/** Quorum and result of one vote. With nobody entitled there is no quorum and nothing passes. */
export function voteOutcome(t: VoteTally): VoteOutcome {
  const quorumNeeded = moreThanHalf(t.entitled);
  const yesNeeded = moreThanHalf(t.entitled);
  const quorumMet = t.entitled > 0 && t.present >= quorumNeeded;
  return { quorumMet, passed: quorumMet && t.yes >= yesNeeded, quorumNeeded, yesNeeded };
}

export interface VoterRecord {
  category: MemberCategory;
  /** Whether the member's record is live (status normal) and in the organisation. */
  live: boolean;
  /** Their attendance at this meeting; null when they were not invited. */
  attendance: Attendance | null;
}

/**
 * Entitled and present voters from the organisation's members: probationary members and
 * members who left are not counted; absentees, excused members and those not invited are
 * entitled but not present; taking part online counts as present (网络e支部).
 */
export function countVoters(members: readonly VoterRecord[]): { entitled: number; present: number } {
  const voters = members.filter((m) => m.live && m.category === 'full');
  return {
    entitled: voters.length,
    present: voters.filter((m) => m.attendance === 'present' || m.attendance === 'online').length,
  };
}
