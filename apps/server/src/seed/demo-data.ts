// The demo city: Tongxiang's "1+2+N" structure from the founding document, with invented
// companies, branches and people. Some organisations are built to break a rule on purpose
// (marked FIXTURE) so every structure warning can be seen in the demo.

import type { OrgKind } from '@hongyun/shared';
import type { Profile } from './places';

export type TermState = 'current' | 'overdue' | 'dueSoon';

export interface OrgSpec {
  kind: OrgKind;
  name: string;
  /** Suffix of the town code: '001' → TX-WZ-001. */
  code: string;
  founded: string;
  /** Companies linked through org_enterprise (registered in the town). */
  companies?: string[];
  /** Members of this organisation itself. */
  members?: number;
  /** Exact number of probationary members; otherwise about 10 %. */
  probationary?: number;
  profile?: Profile;
  /** 'committee': 3–5 posts; 'secretary': a secretary (and a deputy when ≥ 5 members). */
  leadership?: 'committee' | 'secretary';
  term?: TermState;
  /** The secretary was confirmed less than a year ago. */
  newSecretary?: boolean;
  groups?: string[];
  /** Members leaving: a couple transferred out or kept as history. */
  leavers?: { transferredOut?: number; history?: number };
  children?: OrgSpec[];
}

export interface TownSpec {
  code: string;
  orgs: OrgSpec[];
  /** Members kept by the town's fallback branch (兜底管理); no fallback branch when absent. */
  fallback?: { members: number; founded: string };
  /** Companies without a party organisation (not covered yet). */
  uncovered?: string[];
}

export const ROOT = { name: '桐乡市委两新工委', shortName: '市两新工委', code: 'TX', founded: '2012-06-28' };

/** The "2" of 1+2+N: working offices under the city work committee. */
export const OFFICES = [
  { name: '互联网经济发展办公室', code: 'TX-HLW', founded: '2015-03-01' },
  { name: '世界互联网大会承办工作委员会', code: 'TX-WIC', founded: '2014-09-15' },
];

export const DEMO_TOWNS: TownSpec[] = [
  {
    code: 'TX-WZ',
    fallback: { members: 4, founded: '2018-04-20' },
    uncovered: ['乌镇慢享网络科技有限公司', '乌镇码头跨境电子商务有限公司', '桐乡市乌镇云朵直播科技有限公司'],
    orgs: [
      {
        kind: 'committee', name: '乌镇互联网小镇党委', code: '001', founded: '2016-03-18', leadership: 'committee',
        children: [
          // The demo accounts `secretary` and `member` belong to this branch.
          { kind: 'branch', name: '乌镇云栖网络科技有限公司党支部', code: '002', founded: '2016-07-01', companies: ['乌镇云栖网络科技有限公司'], members: 14, probationary: 2, profile: 'tech', leadership: 'committee', groups: ['第一党小组', '第二党小组'] },
          { kind: 'branch', name: '乌镇枕水数据服务有限公司党支部', code: '003', founded: '2017-05-12', companies: ['乌镇枕水数据服务有限公司'], members: 6, profile: 'tech', leadership: 'secretary' },
          // FIXTURE secretaryStandingShort: the secretary was confirmed a few months ago.
          { kind: 'branch', name: '乌镇智汇互联科技有限公司党支部', code: '004', founded: '2019-10-08', companies: ['乌镇智汇互联科技有限公司'], members: 8, probationary: 1, profile: 'tech', leadership: 'committee', newSecretary: true },
          { kind: 'branch', name: '乌镇峰会会展服务有限公司党支部', code: '005', founded: '2015-11-20', companies: ['乌镇峰会会展服务有限公司'], members: 7, profile: 'media', leadership: 'committee' },
        ],
      },
      {
        kind: 'committee', name: '浙江乌镇数智云计算有限公司党委', code: '010', founded: '2017-09-26', companies: ['浙江乌镇数智云计算有限公司'], leadership: 'committee',
        children: [
          // FIXTURE tooManyMembers: more than 50 members in one branch.
          { kind: 'branch', name: '浙江乌镇数智云计算有限公司研发中心党支部', code: '011', founded: '2017-10-10', companies: ['浙江乌镇数智云计算有限公司'], members: 56, profile: 'tech', leadership: 'committee', groups: ['前端组党小组', '后端组党小组', '算法组党小组', '测试组党小组'], leavers: { transferredOut: 1, history: 1 } },
          { kind: 'branch', name: '浙江乌镇数智云计算有限公司运营中心党支部', code: '012', founded: '2017-10-10', companies: ['浙江乌镇数智云计算有限公司'], members: 18, profile: 'commerce', leadership: 'committee', leavers: { transferredOut: 1 } },
          { kind: 'branch', name: '浙江乌镇数智云计算有限公司安全与内容审核中心党支部', code: '013', founded: '2019-03-05', companies: ['浙江乌镇数智云计算有限公司'], members: 14, profile: 'media', leadership: 'committee' },
        ],
      },
      { kind: 'jointBranch', name: '乌镇互联网业联合党支部', code: '020', founded: '2018-06-30', companies: ['乌镇青创电子商务有限公司', '桐乡市乌镇小桥文化传媒有限公司', '乌镇水阁民宿网络科技有限公司', '乌镇拾光数字设计有限公司'], members: 9, profile: 'commerce', leadership: 'committee' },
      { kind: 'temporaryBranch', name: '世界互联网大会乌镇峰会志愿服务临时党支部', code: '091', founded: '2025-10-15', companies: ['乌镇峰会会展服务有限公司'], members: 5, profile: 'media', leadership: 'secretary' },
    ],
  },
  {
    code: 'TX-PY',
    fallback: { members: 3, founded: '2018-05-16' },
    uncovered: ['桐乡市濮院潮衣直播科技有限公司', '濮院快针电子商务有限公司'],
    orgs: [
      {
        kind: 'generalBranch', name: '濮院时尚电商产业园党总支', code: '001', founded: '2017-08-01', leadership: 'committee',
        children: [
          // FIXTURE committeeRequired: 9 full members and only a secretary.
          { kind: 'branch', name: '桐乡市濮院毛衫直播电商有限公司党支部', code: '002', founded: '2018-03-15', companies: ['桐乡市濮院毛衫直播电商有限公司'], members: 9, probationary: 0, profile: 'commerce', leadership: 'secretary' },
          { kind: 'branch', name: '濮院云纺跨境电子商务有限公司党支部', code: '003', founded: '2019-04-22', companies: ['濮院云纺跨境电子商务有限公司'], members: 7, probationary: 1, profile: 'commerce', leadership: 'secretary' },
          { kind: 'branch', name: '桐乡市濮院针织数字营销有限公司党支部', code: '004', founded: '2020-09-09', companies: ['桐乡市濮院针织数字营销有限公司'], members: 5, profile: 'commerce', leadership: 'secretary' },
        ],
      },
      // FIXTURE jointBranchTooManyUnits: six units in one joint branch.
      { kind: 'jointBranch', name: '濮院镇网商联合党支部', code: '010', founded: '2018-11-11', companies: ['桐乡市濮院织梦网络科技有限公司', '桐乡市濮院锦绣电子商务有限公司', '桐乡市濮院衣联网络科技有限公司', '桐乡市濮院暖冬服饰电子商务有限公司', '桐乡市濮院线上针织网络销售有限公司', '桐乡市濮院毛衫供应链管理有限公司'], members: 10, profile: 'commerce', leadership: 'committee' },
    ],
  },
  {
    code: 'TX-WT',
    fallback: { members: 4, founded: '2018-03-28' },
    uncovered: ['桐乡市梧桐小满网络科技有限公司', '桐乡市桐城优品电子商务有限公司'],
    orgs: [
      { kind: 'branch', name: '桐乡梧桐新闻网络传媒有限公司党支部', code: '001', founded: '2014-12-01', companies: ['桐乡梧桐新闻网络传媒有限公司'], members: 12, profile: 'media', leadership: 'committee' },
      {
        kind: 'committee', name: '桐乡市数字经济产业园党委', code: '010', founded: '2018-01-16', leadership: 'committee',
        children: [
          { kind: 'branch', name: '桐乡凤栖智能科技有限公司党支部', code: '011', founded: '2018-04-02', companies: ['桐乡凤栖智能科技有限公司'], members: 16, profile: 'tech', leadership: 'committee', leavers: { history: 1 } },
          { kind: 'branch', name: '桐乡云帆软件有限公司党支部', code: '012', founded: '2018-06-18', companies: ['桐乡云帆软件有限公司'], members: 10, profile: 'tech', leadership: 'committee' },
          { kind: 'branch', name: '桐乡市易联信息技术有限公司党支部', code: '013', founded: '2020-07-01', companies: ['桐乡市易联信息技术有限公司'], members: 6, profile: 'tech', leadership: 'secretary' },
        ],
      },
    ],
  },
  {
    code: 'TX-FM',
    uncovered: ['桐乡市凤鸣知了网络科技有限公司'],
    orgs: [
      // FIXTURE tooFewFullMembers: two full members and one probationary.
      { kind: 'branch', name: '桐乡凤鸣社交网络科技有限公司党支部', code: '001', founded: '2021-05-20', companies: ['桐乡凤鸣社交网络科技有限公司'], members: 3, probationary: 1, profile: 'media', leadership: 'secretary' },
      // FIXTURE termOverdue.
      { kind: 'branch', name: '桐乡市鸣翠直播科技有限公司党支部', code: '002', founded: '2019-06-12', companies: ['桐乡市鸣翠直播科技有限公司'], members: 9, profile: 'commerce', leadership: 'committee', term: 'overdue' },
      { kind: 'branch', name: '桐乡市凤鸣云课教育科技有限公司党支部', code: '003', founded: '2020-03-03', companies: ['桐乡市凤鸣云课教育科技有限公司'], members: 8, profile: 'media', leadership: 'committee' },
    ],
  },
  {
    code: 'TX-LX',
    orgs: [
      { kind: 'branch', name: '桐乡龙翔大数据有限公司党支部', code: '001', founded: '2017-12-26', companies: ['桐乡龙翔大数据有限公司'], members: 13, profile: 'tech', leadership: 'committee' },
      // FIXTURE termDueSoon: the term ends within six months.
      { kind: 'branch', name: '桐乡市翔云网络安全技术有限公司党支部', code: '002', founded: '2019-08-15', companies: ['桐乡市翔云网络安全技术有限公司'], members: 8, profile: 'tech', leadership: 'committee', term: 'dueSoon' },
    ],
  },
  {
    code: 'TX-GQ',
    orgs: [
      { kind: 'branch', name: '桐乡高桥智造工业互联网有限公司党支部', code: '001', founded: '2018-09-18', companies: ['桐乡高桥智造工业互联网有限公司'], members: 11, profile: 'tech', leadership: 'committee' },
      { kind: 'branch', name: '桐乡市桥联物流信息科技有限公司党支部', code: '002', founded: '2020-10-27', companies: ['桐乡市桥联物流信息科技有限公司'], members: 6, profile: 'commerce', leadership: 'secretary' },
    ],
  },
  {
    code: 'TX-TD',
    fallback: { members: 3, founded: '2019-01-10' },
    uncovered: ['桐乡市屠甸益农电子商务有限公司'],
    orgs: [
      { kind: 'branch', name: '桐乡市屠甸光电网络科技有限公司党支部', code: '001', founded: '2019-05-06', companies: ['桐乡市屠甸光电网络科技有限公司'], members: 8, profile: 'tech', leadership: 'committee' },
    ],
  },
  {
    code: 'TX-HS',
    orgs: [
      { kind: 'branch', name: '桐乡市河山农旅电子商务有限公司党支部', code: '001', founded: '2020-04-14', companies: ['桐乡市河山农旅电子商务有限公司'], members: 7, profile: 'commerce', leadership: 'committee' },
      { kind: 'branch', name: '桐乡市河山堰桥网络科技有限公司党支部', code: '002', founded: '2021-09-01', companies: ['桐乡市河山堰桥网络科技有限公司'], members: 5, profile: 'tech', leadership: 'secretary' },
    ],
  },
  {
    code: 'TX-ZQ',
    orgs: [
      { kind: 'branch', name: '桐乡市洲泉化纤电商服务有限公司党支部', code: '001', founded: '2019-07-01', companies: ['桐乡市洲泉化纤电商服务有限公司'], members: 6, profile: 'commerce', leadership: 'secretary' },
      { kind: 'branch', name: '桐乡市洲泉湘溪网络科技有限公司党支部', code: '002', founded: '2021-03-16', companies: ['桐乡市洲泉湘溪网络科技有限公司'], members: 5, profile: 'tech', leadership: 'secretary' },
    ],
  },
  {
    code: 'TX-DM',
    orgs: [
      { kind: 'branch', name: '桐乡市大麻数字农业科技有限公司党支部', code: '001', founded: '2020-11-20', companies: ['桐乡市大麻数字农业科技有限公司'], members: 5, profile: 'tech', leadership: 'secretary' },
    ],
  },
  {
    code: 'TX-CF',
    orgs: [
      {
        kind: 'generalBranch', name: '崇福镇皮草电商党总支', code: '001', founded: '2018-08-08', leadership: 'committee',
        children: [
          { kind: 'branch', name: '桐乡市崇福裘皮网络销售有限公司党支部', code: '002', founded: '2018-09-01', companies: ['桐乡市崇福裘皮网络销售有限公司'], members: 10, profile: 'commerce', leadership: 'committee' },
          { kind: 'branch', name: '桐乡市崇福毛皮电商服务有限公司党支部', code: '003', founded: '2019-02-25', companies: ['桐乡市崇福毛皮电商服务有限公司'], members: 8, profile: 'commerce', leadership: 'committee' },
        ],
      },
      { kind: 'branch', name: '桐乡市崇福运河数字传媒有限公司党支部', code: '004', founded: '2020-06-06', companies: ['桐乡市崇福运河数字传媒有限公司'], members: 7, profile: 'media', leadership: 'committee' },
    ],
  },
];

/** The branch whose secretary and one ordinary member get the `secretary` and `member` logins. */
export const DEMO_ACCOUNT_BRANCH = 'TX-WZ-002';
