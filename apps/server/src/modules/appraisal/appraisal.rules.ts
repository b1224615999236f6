import { ORG_LIFE_SETTINGS } from '@hongyun/shared';
import type { Queryable } from '../../db/database';
import { settingNumber } from '../../platform/settings';

// What both sides of the appraisal (secretary and member) share: to-do kinds and the
// deployment's settings.

export const SOURCE = 'appraisalCampaign';
/** Asked of every participant: the self-review and the peer reviews. */
export const REVIEW_TODO = 'appraisal.review';
/** The secretary's reminder to those who have not finished. */
export const REMIND_TODO = 'appraisal.remind';
/** The published result, open to appeal. */
export const RESULT_TODO = 'appraisal.result';
/** The answer to a member's appeal. */
export const APPEAL_DECIDED_TODO = 'appraisal.appealDecided';
/** An appeal for the secretary to decide. */
export const APPEAL_TODO = 'appraisal.appeal';

export const memberLink = (campaignId: number) => `/m/appraisals/${campaignId}`;
export const adminLink = (campaignId: number) => `/appraisals/${campaignId}`;

/** The share of participants that may be rated 优秀 (setting orgLife.excellentMaxShare). */
export function excellentShare(db: Queryable): Promise<number> {
  return settingNumber(db, 'orgLife.excellentMaxShare', ORG_LIFE_SETTINGS.excellentMaxShare.value);
}

/** Days after publication a member may appeal (setting orgLife.appealDays, at least 1). */
export async function appealDays(db: Queryable): Promise<number> {
  const days = await settingNumber(db, 'orgLife.appealDays', ORG_LIFE_SETTINGS.appealDays.value);
  return Math.max(1, Math.round(days));
}
