// Places and enterprises for seed data. Town names are Tongxiang's real 镇/街道 (public
// administrative geography); every enterprise, person and phone number is invented.

import { makeUscc, REGION_CODE_TONGXIANG } from '@hongyun/shared';
import type { Random } from './random';

export interface TownInfo {
  /** Org code, e.g. TX-WZ. */
  code: string;
  /** 乌镇 */
  short: string;
  /** 镇 or 街道 */
  level: '镇' | '街道';
  /** Relative size of the town's internet industry (enterprises, members). */
  weight: number;
}

/** The 11 towns and sub-districts of Tongxiang (the "N" of 1+2+N). */
export const TONGXIANG_TOWNS: readonly TownInfo[] = [
  { code: 'TX-WT', short: '梧桐', level: '街道', weight: 14 },
  { code: 'TX-FM', short: '凤鸣', level: '街道', weight: 11 },
  { code: 'TX-LX', short: '龙翔', level: '街道', weight: 9 },
  { code: 'TX-GQ', short: '高桥', level: '街道', weight: 8 },
  { code: 'TX-WZ', short: '乌镇', level: '镇', weight: 20 },
  { code: 'TX-PY', short: '濮院', level: '镇', weight: 12 },
  { code: 'TX-TD', short: '屠甸', level: '镇', weight: 5 },
  { code: 'TX-HS', short: '河山', level: '镇', weight: 4 },
  { code: 'TX-ZQ', short: '洲泉', level: '镇', weight: 6 },
  { code: 'TX-DM', short: '大麻', level: '镇', weight: 3 },
  { code: 'TX-CF', short: '崇福', level: '镇', weight: 8 },
];

/** '乌镇' + '镇' → 乌镇镇两新工委; '梧桐' + '街道' → 梧桐街道两新工委. */
export function townOrgName(town: Pick<TownInfo, 'short' | 'level'>): string {
  return `${town.short}${town.level}两新工委`;
}

/** 乌镇镇互联网业兜底党支部: the fallback branch (兜底管理) of a town. */
export function fallbackBranchName(town: Pick<TownInfo, 'short' | 'level'>): string {
  return `${town.short}${town.level}互联网业兜底党支部`;
}

/** Birth-place region codes (GB/T 2260): mostly Tongxiang, some elsewhere in Zhejiang. */
export const BIRTH_REGIONS: readonly (readonly [string, number])[] = [
  [REGION_CODE_TONGXIANG, 62],
  ['330402', 5], // 嘉兴 南湖区
  ['330411', 4], // 嘉兴 秀洲区
  ['330481', 5], // 海宁市
  ['330482', 3], // 平湖市
  ['330421', 3], // 嘉善县
  ['330106', 4], // 杭州 西湖区
  ['330108', 4], // 杭州 滨江区
  ['330503', 3], // 湖州 南浔区
  ['330602', 2], // 绍兴 越城区
  ['330302', 2], // 温州 鹿城区
  ['330702', 2], // 金华 婺城区
  ['330203', 1], // 宁波 海曙区
];

/** Work profiles: which jobs a company's members hold. */
export type Profile = 'tech' | 'media' | 'commerce';

const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** Hands out unique, checksum-valid 统一社会信用代码 of Tongxiang-registered companies. */
export class UsccFactory {
  private readonly used = new Set<string>();
  constructor(private readonly rng: Random) {}

  /** 91 (company) + 330483 + MA (post-2015 registration) + 7 characters + check. */
  next(region = REGION_CODE_TONGXIANG): string {
    for (;;) {
      const code = makeUscc(`91${region}MA${this.rng.chars(USCC_CHARS, 7)}`);
      if (!this.used.has(code)) {
        this.used.add(code);
        return code;
      }
    }
  }
}

const BRAND_CHARS = [...'云数智联星禾桐凤翔梧鸣川岚拓跃极维启途易融创锐芯微码链帆澜晨曦青蓝橙栖渡桥源达信合众博睿远新华朗'];
const INDUSTRIES: readonly (readonly [string, Profile])[] = [
  ['网络科技', 'tech'], ['信息技术', 'tech'], ['软件', 'tech'], ['智能科技', 'tech'], ['云计算', 'tech'],
  ['数据服务', 'tech'], ['物联网科技', 'tech'], ['网络安全技术', 'tech'], ['人工智能科技', 'tech'], ['数字科技', 'tech'],
  ['文化传媒', 'media'], ['网络传媒', 'media'], ['新媒体', 'media'], ['信息咨询', 'media'], ['教育科技', 'media'],
  ['电子商务', 'commerce'], ['跨境电商', 'commerce'], ['直播科技', 'commerce'], ['供应链管理', 'commerce'], ['网络销售', 'commerce'],
];

/** Invents unique company names such as 桐乡市云帆网络科技有限公司, with their work profile. */
export class EnterpriseNameFactory {
  private readonly used = new Set<string>();
  constructor(private readonly rng: Random) {}

  next(townShort: string, city = '桐乡市'): { name: string; profile: Profile } {
    const rng = this.rng;
    for (;;) {
      const place = rng.weighted([[`${city}${townShort}`, 3], [city, 3], [townShort, 2], ['浙江', 2]] as const);
      const [industry, profile] = rng.pick(INDUSTRIES);
      const brand = rng.pick(BRAND_CHARS) + rng.pick(BRAND_CHARS);
      const suffix = rng.chance(0.05) ? '股份有限公司' : '有限公司';
      const name = `${place}${brand}${industry}${suffix}`;
      if (brand[0] !== brand[1] && !this.used.has(name)) {
        this.used.add(name);
        return { name, profile };
      }
    }
  }

  /** Marks a hand-written name as taken. */
  reserve(name: string): void {
    this.used.add(name);
  }
}
