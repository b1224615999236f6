import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import { Flex, Spin } from 'antd';
import {
  ApartmentOutlined, AuditOutlined, BankOutlined, BookOutlined, CarryOutOutlined, CheckSquareOutlined, EnvironmentOutlined, FileDoneOutlined, LikeOutlined, ScheduleOutlined, SettingOutlined, CloudUploadOutlined, CommentOutlined, DashboardOutlined, FileSearchOutlined, FormOutlined,
  PieChartOutlined, ReadOutlined, SafetyCertificateOutlined, ShopOutlined, SolutionOutlined, StarOutlined, TeamOutlined, TrophyOutlined, UserOutlined, WarningOutlined,
} from '@ant-design/icons';
import { Navigate, type RouteObject } from 'react-router';
import type { Permission } from '../api/auth';
import { NotFoundPage, RequirePermission, useCan } from './access';

/** Loads a page's chunk on first visit (one chunk per page keeps the first load small). */
function page<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) {
  const Page = lazy<ComponentType>(() => load().then((m) => ({ default: m[name] })));
  return function LazyPage() {
    return (
      <Suspense fallback={<Flex justify="center" style={{ padding: 48 }}><Spin /></Flex>}>
        <Page />
      </Suspense>
    );
  };
}

const OrgsPage = page(() => import('./pages/orgs/tree'), 'OrgsPage');
const WarningsPage = page(() => import('./pages/orgs/warnings'), 'WarningsPage');
const MembersPage = page(() => import('./pages/members/list'), 'MembersPage');
const MemberDetailPage = page(() => import('./pages/members/detail'), 'MemberDetailPage');
const MemberEditPage = page(() => import('./pages/members/edit'), 'MemberEditPage');
const ImportPage = page(() => import('./pages/members/import'), 'ImportPage');
const UsersPage = page(() => import('./pages/users/list'), 'UsersPage');
const RolesPage = page(() => import('./pages/users/roles'), 'RolesPage');
const AuditPage = page(() => import('./pages/audit/list'), 'AuditPage');
const DashboardPage = page(() => import('./pages/coverage/dashboard'), 'DashboardPage');
const CoveragePage = page(() => import('./pages/coverage/rates'), 'CoveragePage');
const EnterprisesPage = page(() => import('./pages/enterprises/list'), 'EnterprisesPage');
const EnterpriseDetailPage = page(() => import('./pages/enterprises/detail'), 'EnterpriseDetailPage');
const EnterpriseEditPage = page(() => import('./pages/enterprises/edit'), 'EnterpriseEditPage');
const EnterpriseImportPage = page(() => import('./pages/enterprises/import'), 'EnterpriseImportPage');
const SurveysPage = page(() => import('./pages/surveys/list'), 'SurveysPage');
const StandardsPage = page(() => import('./pages/standards/list'), 'StandardsPage');
const StandardTemplatesPage = page(() => import('./pages/standards/templates'), 'StandardTemplatesPage');
const RequestsPage = page(() => import('./pages/service/requests'), 'RequestsPage');
const VisitsPage = page(() => import('./pages/service/visits'), 'VisitsPage');
const CadresPage = page(() => import('./pages/service/cadres'), 'CadresPage');
const DepartmentsPage = page(() => import('./pages/service/departments'), 'DepartmentsPage');
const MeetingsPage = page(() => import('./pages/meetings/list'), 'MeetingsPage');
const MeetingEditPage = page(() => import('./pages/meetings/edit'), 'MeetingEditPage');
const MeetingDetailPage = page(() => import('./pages/meetings/detail'), 'MeetingDetailPage');
const VenuesPage = page(() => import('./pages/venues/list'), 'VenuesPage');
const VenueCalendarPage = page(() => import('./pages/venues/calendar'), 'VenueCalendarPage');
const CompliancePage = page(() => import('./pages/compliance/overview'), 'CompliancePage');
const ExemptionsPage = page(() => import('./pages/compliance/exemptions'), 'ExemptionsPage');
const AppraisalsPage = page(() => import('./pages/appraisal/list'), 'AppraisalsPage');
const AppraisalDetailPage = page(() => import('./pages/appraisal/detail'), 'AppraisalDetailPage');
const SettingsPage = page(() => import('./pages/settings/list'), 'SettingsPage');
const QuestionsPage = page(() => import('./pages/questions/list'), 'QuestionsPage');
const QuestionImportPage = page(() => import('./pages/questions/import'), 'QuestionImportPage');
const ExamsPage = page(() => import('./pages/exams/list'), 'ExamsPage');
const ExamDetailPage = page(() => import('./pages/exams/detail'), 'ExamDetailPage');
const PointsPage = page(() => import('./pages/points/page'), 'PointsPage');
const CoursesPage = page(() => import('./pages/courses/list'), 'CoursesPage');
const CourseDetailPage = page(() => import('./pages/courses/detail'), 'CourseDetailPage');
const ClassesPage = page(() => import('./pages/courses/classes'), 'ClassesPage');
const ClassDetailPage = page(() => import('./pages/courses/class-detail'), 'ClassDetailPage');
const CertificatePrintPage = page(() => import('./pages/courses/certificate'), 'CertificatePrintPage');
/** The sign-in QR code shown full screen at the meeting (no menu). */
export const SignInScreenPage = page(() => import('./pages/meetings/screen'), 'SignInScreenPage');
/** The printable 三会一课 ledger (A4, no menu). */
export const LedgerPrintPage = page(() => import('./pages/compliance/ledger-print'), 'LedgerPrintPage');
/** The big-screen dashboard (1920×1080, no menu): a route of its own outside the layout. */
export const DashboardScreenPage = page(() => import('./pages/coverage/screen'), 'DashboardScreenPage');

/** The side menu as data: each entry says which permission shows it. */
export interface NavItem {
  key: string;
  path: string;
  labelKey: string;
  icon: ReactNode;
  access: Permission;
}

export const NAV: { groupKey: string; items: NavItem[] }[] = [
  {
    groupKey: 'nav.group.coverage',
    items: [
      { key: 'dashboard', path: '/dashboard', labelKey: 'nav.dashboard', icon: <DashboardOutlined />, access: 'coverage.read' },
      { key: 'coverage', path: '/coverage', labelKey: 'nav.coverage', icon: <PieChartOutlined />, access: 'coverage.read' },
      { key: 'enterprises', path: '/enterprises', labelKey: 'nav.enterprises', icon: <ShopOutlined />, access: 'enterprise.read' },
      { key: 'surveys', path: '/surveys', labelKey: 'nav.surveys', icon: <FileSearchOutlined />, access: 'survey.write' },
      { key: 'standards', path: '/standards', labelKey: 'nav.standards', icon: <StarOutlined />, access: 'standard.assess' },
    ],
  },
  {
    groupKey: 'nav.group.service',
    items: [
      { key: 'requests', path: '/requests', labelKey: 'nav.requests', icon: <CommentOutlined />, access: 'service.read' },
      { key: 'visits', path: '/visits', labelKey: 'nav.visits', icon: <CarryOutOutlined />, access: 'visit.write' },
      { key: 'cadres', path: '/cadres', labelKey: 'nav.cadres', icon: <SolutionOutlined />, access: 'cadre.assign' },
      { key: 'departments', path: '/departments', labelKey: 'nav.departments', icon: <BankOutlined />, access: 'department.manage' },
    ],
  },
  {
    groupKey: 'nav.group.orglife',
    items: [
      { key: 'meetings', path: '/meetings', labelKey: 'nav.meetings', icon: <ScheduleOutlined />, access: 'meeting.read' },
      { key: 'compliance', path: '/compliance', labelKey: 'nav.compliance', icon: <CheckSquareOutlined />, access: 'compliance.read' },
      { key: 'exemptions', path: '/compliance-exemptions', labelKey: 'nav.exemptions', icon: <FileDoneOutlined />, access: 'compliance.read' },
      { key: 'appraisals', path: '/appraisals', labelKey: 'nav.appraisals', icon: <LikeOutlined />, access: 'appraisal.manage' },
      { key: 'venues', path: '/venues', labelKey: 'nav.venues', icon: <EnvironmentOutlined />, access: 'meeting.write' },
    ],
  },
  {
    groupKey: 'learning.nav.group',
    items: [
      { key: 'courses', path: '/courses', labelKey: 'learning.nav.courses', icon: <BookOutlined />, access: 'course.manage' },
      { key: 'classes', path: '/classes', labelKey: 'learning.nav.classes', icon: <SolutionOutlined />, access: 'course.manage' },
      { key: 'questions', path: '/questions', labelKey: 'learning.nav.questions', icon: <ReadOutlined />, access: 'question.manage' },
      { key: 'exams', path: '/exams', labelKey: 'learning.nav.exams', icon: <FormOutlined />, access: 'exam.manage' },
      { key: 'points', path: '/points', labelKey: 'learning.nav.points', icon: <TrophyOutlined />, access: 'points.read' },
    ],
  },
  {
    groupKey: 'nav.group.orgs',
    items: [
      { key: 'orgs', path: '/orgs', labelKey: 'nav.orgs', icon: <ApartmentOutlined />, access: 'org.read' },
      { key: 'warnings', path: '/warnings', labelKey: 'nav.warnings', icon: <WarningOutlined />, access: 'org.read' },
    ],
  },
  {
    groupKey: 'nav.group.members',
    items: [
      { key: 'members', path: '/members', labelKey: 'nav.members', icon: <TeamOutlined />, access: 'member.read' },
      { key: 'import', path: '/import', labelKey: 'nav.import', icon: <CloudUploadOutlined />, access: 'member.import' },
    ],
  },
  {
    groupKey: 'nav.group.system',
    items: [
      { key: 'users', path: '/users', labelKey: 'nav.users', icon: <UserOutlined />, access: 'user.read' },
      { key: 'roles', path: '/roles', labelKey: 'nav.roles', icon: <SafetyCertificateOutlined />, access: 'user.read' },
      { key: 'audit', path: '/audit', labelKey: 'nav.audit', icon: <AuditOutlined />, access: 'audit.read' },
      { key: 'settings', path: '/settings', labelKey: 'nav.settings', icon: <SettingOutlined />, access: 'settings.write' },
    ],
  },
];

function guarded(access: Permission, Page: ComponentType): ReactNode {
  return (
    <RequirePermission access={access}>
      <Page />
    </RequirePermission>
  );
}

/** '/' goes to the first page the account may open. */
function HomeRedirect() {
  const can = useCan();
  const first = NAV.flatMap((g) => g.items).find((item) => can(item.access));
  return first ? <Navigate to={first.path} replace /> : <NotFoundPage />;
}

/** The pages inside the signed-in layout. */
export const pageRoutes: RouteObject[] = [
  { index: true, element: <HomeRedirect /> },
  { path: 'orgs', element: guarded('org.read', OrgsPage) },
  { path: 'orgs/:orgId', element: guarded('org.read', OrgsPage) },
  { path: 'warnings', element: guarded('org.read', WarningsPage) },
  { path: 'members', element: guarded('member.read', MembersPage) },
  { path: 'members/new', element: guarded('member.write', MemberEditPage) },
  { path: 'members/:memberId', element: guarded('member.read', MemberDetailPage) },
  { path: 'members/:memberId/edit', element: guarded('member.write', MemberEditPage) },
  { path: 'import', element: guarded('member.import', ImportPage) },
  { path: 'users', element: guarded('user.read', UsersPage) },
  { path: 'roles', element: guarded('user.read', RolesPage) },
  { path: 'audit', element: guarded('audit.read', AuditPage) },
  { path: 'dashboard', element: guarded('coverage.read', DashboardPage) },
  { path: 'coverage', element: guarded('coverage.read', CoveragePage) },
  { path: 'enterprises', element: guarded('enterprise.read', EnterprisesPage) },
  { path: 'enterprises/new', element: guarded('enterprise.write', EnterpriseEditPage) },
  { path: 'enterprises/import', element: guarded('enterprise.write', EnterpriseImportPage) },
  { path: 'enterprises/:enterpriseId', element: guarded('enterprise.read', EnterpriseDetailPage) },
  { path: 'enterprises/:enterpriseId/edit', element: guarded('enterprise.write', EnterpriseEditPage) },
  { path: 'surveys', element: guarded('survey.write', SurveysPage) },
  { path: 'standards', element: guarded('standard.assess', StandardsPage) },
  { path: 'standards/templates', element: guarded('standard.manage', StandardTemplatesPage) },
  { path: 'requests', element: guarded('service.read', RequestsPage) },
  { path: 'visits', element: guarded('visit.write', VisitsPage) },
  { path: 'cadres', element: guarded('cadre.assign', CadresPage) },
  { path: 'departments', element: guarded('department.manage', DepartmentsPage) },
  { path: 'meetings', element: guarded('meeting.read', MeetingsPage) },
  { path: 'meetings/new', element: guarded('meeting.write', MeetingEditPage) },
  { path: 'meetings/:meetingId', element: guarded('meeting.read', MeetingDetailPage) },
  { path: 'meetings/:meetingId/edit', element: guarded('meeting.write', MeetingEditPage) },
  { path: 'venues', element: guarded('meeting.write', VenuesPage) },
  { path: 'venues/:venueId', element: guarded('meeting.write', VenueCalendarPage) },
  { path: 'compliance', element: guarded('compliance.read', CompliancePage) },
  { path: 'compliance/:orgId', element: guarded('compliance.read', CompliancePage) },
  { path: 'compliance-exemptions', element: guarded('compliance.read', ExemptionsPage) },
  { path: 'appraisals', element: guarded('appraisal.manage', AppraisalsPage) },
  { path: 'appraisals/:appraisalId', element: guarded('appraisal.manage', AppraisalDetailPage) },
  { path: 'settings', element: guarded('settings.write', SettingsPage) },
  { path: 'questions', element: guarded('question.manage', QuestionsPage) },
  { path: 'questions/import', element: guarded('question.manage', QuestionImportPage) },
  { path: 'exams', element: guarded('exam.manage', ExamsPage) },
  { path: 'exams/:examId', element: guarded('exam.manage', ExamDetailPage) },
  { path: 'points', element: guarded('points.read', PointsPage) },
  { path: 'points/report/:orgId', element: guarded('points.read', page(() => import('./pages/points/report'), 'OrgPointsReportPage')) },
  { path: 'courses', element: guarded('course.manage', CoursesPage) },
  { path: 'courses/:courseId', element: guarded('course.manage', CourseDetailPage) },
  { path: 'classes', element: guarded('course.manage', ClassesPage) },
  { path: 'classes/:classId', element: guarded('course.manage', ClassDetailPage) },
  { path: 'classes/:classId/certificates/:memberId', element: guarded('course.manage', CertificatePrintPage) },
  { path: '*', element: <NotFoundPage /> },
];
