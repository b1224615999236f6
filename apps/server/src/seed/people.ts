// Fictional party members for demo and scale data: plausible ages, development dates, jobs
// and key positions of internet workers. Nothing here is a real person's data.

import type { Insertable } from 'kysely';
import {
  addDays,
  addYears,
  makeFictionalName,
  makeIdNumber,
  maskIdNumber,
  maskPhone,
  type EducationLevel,
  type Gender,
  type KeyPosition,
  type MemberCategory,
  type MemberStatus,
} from '@hongyun/shared';
import type { MemberTable } from '../db/types';
import type { DataCipher } from '../platform/crypto';
import { BIRTH_REGIONS, type Profile } from './places';
import type { Random } from './random';

/** A person before placement in an organisation. */
export interface Person {
  name: string;
  gender: Gender;
  ethnicity: string;
  birthDate: string;
  idNumber: string;
  phone: string | null;
  education: EducationLevel;
  job: string;
  keyPositions: KeyPosition[];
  category: MemberCategory;
  status: MemberStatus;
  appliedOn: string | null;
  activistOn: string | null;
  candidateOn: string | null;
  joinedOn: string;
  confirmedOn: string | null;
  isMobile: boolean;
  isInHardship: boolean;
  isPartyWorker: boolean;
}

/** Where a person sits: organisation, party group and employer. */
export interface Placement {
  orgId: number;
  orgPath: string;
  partyGroupId?: number | null;
  employerEnterpriseId: number | null;
  employerName: string | null;
}

type Job = readonly [title: string, weight: number, keyPosition: KeyPosition | null, chance: number];

const COMMON_JOBS: readonly Job[] = [
  ['产品经理', 6, null, 0], ['人力资源', 4, null, 0], ['财务', 3, null, 0], ['行政专员', 3, null, 0],
  ['市场经理', 3, null, 0], ['运营专员', 6, null, 0], ['数据分析师', 4, 'rnd', 0.3], ['UI设计师', 3, null, 0],
];
const JOBS: Record<Profile, readonly Job[]> = {
  tech: [
    ...COMMON_JOBS,
    ['前端工程师', 12, 'rnd', 0.7], ['后端工程师', 14, 'rnd', 0.7], ['算法工程师', 6, 'rnd', 0.85],
    ['测试工程师', 6, 'rnd', 0.3], ['运维工程师', 5, 'securityManager', 0.2], ['网络安全工程师', 5, 'securityManager', 0.9],
    ['内容审核', 2, 'contentEditor', 0.9],
  ],
  media: [
    ...COMMON_JOBS,
    ['内容编辑', 12, 'contentEditor', 0.8], ['内容审核', 10, 'contentEditor', 0.9], ['记者', 6, 'contentEditor', 0.5],
    ['视频剪辑', 6, null, 0], ['新媒体运营', 8, null, 0], ['社区版主', 3, 'forumModerator', 0.8],
    ['网络安全工程师', 2, 'securityManager', 0.9], ['前端工程师', 3, 'rnd', 0.6],
  ],
  commerce: [
    ...COMMON_JOBS,
    ['电商运营', 14, null, 0], ['直播运营', 10, null, 0], ['主播', 8, null, 0], ['客服专员', 8, null, 0],
    ['美工设计', 5, null, 0], ['供应链主管', 4, null, 0], ['网店店主', 3, 'investor', 0.6], ['后端工程师', 3, 'rnd', 0.6],
    ['内容审核', 2, 'contentEditor', 0.8],
  ],
};

/** Heads of a company: title and the key positions that go with it. */
const HEADS: readonly (readonly [string, KeyPosition[]])[] = [
  ['创始人、董事长', ['investor', 'manager']],
  ['总经理', ['manager']],
  ['技术总监', ['manager', 'rnd']],
  ['副总经理', ['manager']],
  ['内容安全总监', ['manager', 'contentEditor']],
  ['安全负责人', ['securityManager']],
];

const ETHNICITIES: readonly (readonly [string, number])[] = [
  ['汉族', 93], ['回族', 1.5], ['满族', 1.2], ['土家族', 1.2], ['畲族', 1], ['苗族', 1], ['壮族', 0.8], ['蒙古族', 0.3],
];
const EDUCATION: readonly (readonly [EducationLevel, number])[] = [
  ['postgraduate', 20], ['bachelor', 58], ['associate', 16], ['secondaryVocational', 3], ['highSchool', 2], ['juniorOrBelow', 1],
];
/** Internet workers are young: 22–30 about half, few above 50. */
const AGE_BANDS: readonly (readonly [readonly [number, number], number])[] = [
  [[22, 30], 46], [[31, 40], 34], [[41, 50], 13], [[51, 60], 7],
];
const PHONE_PREFIXES = ['130', '131', '133', '135', '136', '137', '138', '139', '150', '151', '152', '155', '157', '158', '159', '166', '173', '176', '177', '180', '181', '183', '185', '186', '187', '188', '189', '191', '198', '199'];

export interface PersonOptions {
  profile?: Profile;
  category?: MemberCategory;
  /** Make this person one of the company's heads (key positions follow). */
  head?: boolean;
  ageRange?: readonly [number, number];
  /** Share of probationary members when `category` is not given. */
  probationaryShare?: number;
  /** Admission date, e.g. for a long-standing secretary; category follows from it. */
  joinedOn?: string;
}

/** Invents people with unique ID numbers and phones; draws come from one seeded generator. */
export class PeopleFactory {
  private readonly idNumbers = new Set<string>();
  private readonly phones = new Set<string>();

  constructor(private readonly rng: Random, private readonly today: string) {}

  person(options: PersonOptions = {}): Person {
    const rng = this.rng;
    const gender: Gender = rng.chance(0.58) ? 'male' : 'female';
    const [minAge, maxAge] = options.ageRange ?? rng.weighted(AGE_BANDS);
    const age = rng.int(minAge, maxAge);
    const birthDate = addDays(addYears(this.today, -age - 1), rng.int(1, 365));
    const drawn: MemberCategory = options.category ?? (rng.chance(options.probationaryShare ?? 0.1) ? 'probationary' : 'full');
    const wanted = options.joinedOn ?? (drawn === 'probationary' ? addDays(this.today, -rng.int(20, 350)) : this.fullJoinDate(birthDate));
    const earliest = earliestJoin(birthDate);
    const joinedOn = wanted < earliest ? earliest : wanted;
    const category: MemberCategory = options.joinedOn ? (addYears(joinedOn, 1) <= this.today ? 'full' : 'probationary') : drawn;
    // 发展党员工作细则: application → activist (≥ 1 year of training) → candidate → admission.
    const candidateOn = addDays(joinedOn, -rng.int(90, 300));
    const activistOn = addDays(candidateOn, -rng.int(366, 500));
    const appliedOn = addDays(activistOn, -rng.int(30, 120));
    const [job, keyPositions] = options.head ? this.headJob() : this.job(options.profile ?? 'tech');
    return {
      name: makeFictionalName(rng.next),
      gender,
      ethnicity: rng.weighted(ETHNICITIES),
      birthDate,
      idNumber: this.idNumber(birthDate, gender),
      phone: rng.chance(0.96) ? this.phone() : null,
      education: rng.weighted(EDUCATION),
      job,
      keyPositions,
      category,
      status: 'normal',
      appliedOn,
      activistOn,
      candidateOn,
      joinedOn,
      // 党章 art. 7: one year of probation; 转正 dates the end of it.
      confirmedOn: category === 'full' ? addYears(joinedOn, 1) : null,
      isMobile: rng.chance(0.05),
      isInHardship: rng.chance(0.02),
      isPartyWorker: rng.chance(0.04),
    };
  }

  /** Admission late enough for an application at 18, confirmed at least a month before today. */
  private fullJoinDate(birthDate: string): string {
    const rng = this.rng;
    const latest = addDays(addYears(this.today, -1), -rng.int(1, 60));
    const joinAge = 21 + rng.int(0, 3) + (rng.chance(0.45) ? rng.int(0, 12) : 0);
    const wanted = addDays(addYears(birthDate, joinAge), rng.int(0, 364));
    return wanted > latest ? latest : wanted;
  }

  private job(profile: Profile): [string, KeyPosition[]] {
    const jobs = JOBS[profile];
    const [title, , position, chance] = this.rng.weighted(jobs.map((j) => [j, j[1]] as const));
    const positions: KeyPosition[] = position && this.rng.chance(chance) ? [position] : [];
    if (this.rng.chance(0.02)) positions.push('forumModerator');
    return [title, [...new Set(positions)]];
  }

  private headJob(): [string, KeyPosition[]] {
    const [title, positions] = this.rng.pick(HEADS);
    return [title, [...positions]];
  }

  private idNumber(birthDate: string, gender: Gender): string {
    for (let attempt = 0; ; attempt++) {
      const region = attempt < 20 ? this.rng.weighted(BIRTH_REGIONS) : this.rng.pick(BIRTH_REGIONS)[0];
      const value = makeIdNumber(region, birthDate, this.rng.int(0, 499), gender);
      if (!this.idNumbers.has(value)) {
        this.idNumbers.add(value);
        return value;
      }
    }
  }

  private phone(): string {
    for (;;) {
      const value = this.rng.pick(PHONE_PREFIXES) + this.rng.chars('0123456789', 8);
      if (!this.phones.has(value)) {
        this.phones.add(value);
        return value;
      }
    }
  }
}

/**
 * 党章 art. 1: an application at 18 or older. The development steps before admission take at
 * most 920 days here (see `person`), so admission no earlier than this keeps them all after 18.
 */
function earliestJoin(birthDate: string): string {
  return addDays(addYears(birthDate, 18), 930);
}

/** The member row: personal data encrypted, hashed for lookup and masked for display. */
export function memberRow(cipher: DataCipher, p: Person, at: Placement): Insertable<MemberTable> {
  return {
    orgId: at.orgId,
    orgPath: at.orgPath,
    partyGroupId: at.partyGroupId ?? null,
    name: p.name,
    gender: p.gender,
    ethnicity: p.ethnicity,
    birthDate: p.birthDate,
    idNumberCipher: cipher.encrypt(p.idNumber),
    idNumberHash: cipher.hash(p.idNumber),
    idNumberMasked: maskIdNumber(p.idNumber),
    phoneCipher: p.phone ? cipher.encrypt(p.phone) : null,
    phoneHash: p.phone ? cipher.hash(p.phone) : null,
    phoneMasked: p.phone ? maskPhone(p.phone) : null,
    education: p.education,
    employerEnterpriseId: at.employerEnterpriseId,
    employerName: at.employerName,
    job: p.job,
    keyPositions: p.keyPositions,
    category: p.category,
    status: p.status,
    appliedOn: p.appliedOn,
    activistOn: p.activistOn,
    candidateOn: p.candidateOn,
    joinedOn: p.joinedOn,
    confirmedOn: p.confirmedOn,
    isMobile: p.isMobile,
    isInHardship: p.isInHardship,
    isPartyWorker: p.isPartyWorker,
  };
}
