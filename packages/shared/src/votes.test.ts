import { describe, expect, it } from 'vitest';
import { countVoters, moreThanHalf, voteOutcome, type VoterRecord } from './votes';

const full = (attendance: VoterRecord['attendance']): VoterRecord => ({ category: 'full', live: true, attendance });
const probationary = (attendance: VoterRecord['attendance']): VoterRecord => ({ category: 'probationary', live: true, attendance });

describe('countVoters', () => {
  it('counts absentees, excused and uninvited full members as entitled but not present', () => {
    expect(countVoters([full('present'), full('absent'), full('excused'), full('unknown'), full(null)])).toEqual({ entitled: 5, present: 1 });
  });

  it('excludes probationary members from both counts, even when present', () => {
    expect(countVoters([full('present'), probationary('present'), probationary('online')])).toEqual({ entitled: 1, present: 1 });
  });

  it('counts taking part online as present', () => {
    expect(countVoters([full('online'), full('present'), full('absent')])).toEqual({ entitled: 3, present: 2 });
  });

  it('leaves out members who are no longer live', () => {
    expect(countVoters([full('present'), { category: 'full', live: false, attendance: 'present' }])).toEqual({ entitled: 1, present: 1 });
  });
});

describe('voteOutcome', () => {
  it('needs more than half, so exactly half present is not a quorum', () => {
    expect(voteOutcome({ entitled: 10, present: 5, yes: 5, no: 0, abstain: 0 })).toMatchObject({ quorumMet: false, passed: false, quorumNeeded: 6 });
    expect(voteOutcome({ entitled: 10, present: 6, yes: 6, no: 0, abstain: 0 })).toMatchObject({ quorumMet: true, passed: true });
  });

  it('counts yes votes against the entitled, not those present: exactly half of the entitled does not pass', () => {
    // 8 of 10 present, 5 yes: a majority of those present but only half of those entitled.
    expect(voteOutcome({ entitled: 10, present: 8, yes: 5, no: 3, abstain: 0 })).toMatchObject({ quorumMet: true, passed: false, yesNeeded: 6 });
    expect(voteOutcome({ entitled: 10, present: 8, yes: 6, no: 2, abstain: 0 }).passed).toBe(true);
  });

  it('handles odd counts: 4 of 7 is more than half', () => {
    expect(moreThanHalf(7)).toBe(4);
    expect(voteOutcome({ entitled: 7, present: 4, yes: 4, no: 0, abstain: 0 })).toMatchObject({ quorumMet: true, passed: true });
    expect(voteOutcome({ entitled: 7, present: 3, yes: 3, no: 0, abstain: 0 })).toMatchObject({ quorumMet: false, passed: false });
  });

  it('with nobody entitled there is no quorum and nothing passes', () => {
    expect(voteOutcome({ entitled: 0, present: 0, yes: 0, no: 0, abstain: 0 })).toEqual({ quorumMet: false, passed: false, quorumNeeded: 1, yesNeeded: 1 });
  });

  it('absentees lower the turnout but not the bar: 5 entitled, 3 present, 2 yes fails', () => {
    const { entitled, present } = countVoters([full('present'), full('present'), full('present'), full('absent'), full('absent'), probationary('present')]);
    expect({ entitled, present }).toEqual({ entitled: 5, present: 3 });
    expect(voteOutcome({ entitled, present, yes: 2, no: 1, abstain: 0 })).toMatchObject({ quorumMet: true, passed: false });
    expect(voteOutcome({ entitled, present, yes: 3, no: 0, abstain: 0 }).passed).toBe(true);
  });
});
