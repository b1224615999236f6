import type { OrgNode } from '../../../api/types';

/** Organisations that keep a 六个有 self-assessment (the server's ASSESSABLE_KINDS). */
export const ASSESSABLE_KINDS: ReadonlySet<OrgNode['kind']> = new Set(['committee', 'generalBranch', 'branch', 'jointBranch', 'temporaryBranch']);

export const currentYear = () => Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));

/** This year and the four before it, newest first. */
export const recentYears = () => Array.from({ length: 5 }, (_, i) => currentYear() - i);
