import type { Role } from '@hongyun/shared';

/** Every permission a route or service can ask for. */
export const PERMISSIONS = [
  'org.read',
  'org.write',
  'org.move',
  'enterprise.read',
  'enterprise.write',
  'member.read',
  'member.write',
  'member.reveal',
  'member.import',
  'member.export',
  'audit.read',
  'user.read',
  'user.write',
  'settings.write',
  'coverage.read',
  'survey.write',
  'standard.assess',
  'standard.review',
  'standard.manage',
  'department.manage',
  'cadre.assign',
  'visit.write',
  'request.write',
  'request.handle',
  'service.read',
  'meeting.read',
  'meeting.write',
  'venue.manage',
  'compliance.read',
  'compliance.exempt',
  'appraisal.manage',
  'course.manage',
  'question.manage',
  'question.review',
  'exam.manage',
  'points.manage',
  'points.award',
  'points.approve',
  'points.read',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/**
 * The defaults written into `role_permission` on first migration. The table is the truth at
 * run time; this list only seeds it. Reveal of personal data is deliberately not given to the
 * system administrator (PIPL: minimum necessary) nor to town coordinators.
 */
export const DEFAULT_ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  sysadmin: PERMISSIONS.filter((p) => p !== 'member.reveal'),
  cityAdmin: PERMISSIONS.filter((p) => p !== 'settings.write'),
  townCoordinator: [
    'org.read', 'org.write', 'org.move', 'enterprise.read', 'enterprise.write',
    'member.read', 'member.write', 'member.import', 'member.export',
    'audit.read', 'user.read', 'user.write',
    'coverage.read', 'survey.write', 'standard.assess', 'standard.review', 'cadre.assign', 'visit.write', 'request.write', 'service.read',
    'meeting.read', 'meeting.write', 'venue.manage', 'compliance.read', 'compliance.exempt', 'appraisal.manage',
    'course.manage', 'question.manage', 'exam.manage', 'points.award', 'points.approve', 'points.read',
  ],
  orgAdmin: [
    'org.read', 'org.write', 'enterprise.read', 'member.read', 'member.write', 'member.reveal',
    'member.import', 'member.export', 'audit.read', 'user.read', 'user.write', 'standard.assess',
    'meeting.read', 'meeting.write', 'compliance.read', 'appraisal.manage',
    'exam.manage', 'points.award', 'points.read',
  ],
  member: ['org.read'],
  // 联席会议成员单位: the requests routed to their department, nothing else (the service
  // narrows by the grant's department).
  department: ['request.handle', 'service.read'],
  // 联系企业干部: the companies they are paired with — visits and requests.
  cadre: ['enterprise.read', 'visit.write', 'request.write', 'service.read'],
};
