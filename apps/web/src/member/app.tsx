import { useEffect } from 'react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useMe } from '../api/auth';
import { isApiError, setAuthProblemHandlers } from '../api/client';
import { go, goToLogin, useScreen, type Screen } from './router';
import { Loading, Problem } from './components/ui';
import { AccessPage } from './pages/access';
import { HomePage } from './pages/home';
import { LoginPage } from './pages/login';
import { OrgPage } from './pages/org';
import { PasswordPage } from './pages/password';
import { ProfilePage } from './pages/profile';
import { AppraisalPage } from './pages/appraisal';
import { AppraisalsPage } from './pages/appraisals';
import { MeetingPage } from './pages/meeting';
import { MeetingsPage } from './pages/meetings';
import { SignInPage } from './pages/sign-in';
import { ThreadPage } from './pages/thread';
import { TodosPage } from './pages/todos';
import { CoursePage } from './pages/course';
import { CoursesPage } from './pages/courses';
import { ContestPage } from './pages/contest';
import { ExamPage } from './pages/exam';
import { ExamsPage } from './pages/exams';
import { PointsPage } from './pages/points';
import { PointsReportPage } from './pages/points-report';
import { QuizPage } from './pages/quiz';
import { RulebookPage } from './pages/rulebook';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 60_000,
      refetchOnWindowFocus: false,
      // On a slow or flaky network, try again; a refusal will not change.
      retry: (count, error) => count < 3 && !(isApiError(error) && error.statusCode >= 400 && error.statusCode < 500),
    },
  },
});

setAuthProblemHandlers({
  onUnauthenticated: () => {
    queryClient.clear();
    goToLogin();
  },
  onPasswordChangeRequired: () => go('password', { replace: true }),
});

const PAGES: Record<Exclude<Screen, 'login'>, () => React.ReactElement> = {
  home: HomePage,
  profile: ProfilePage,
  org: OrgPage,
  access: AccessPage,
  password: PasswordPage,
  todos: TodosPage,
  meetings: MeetingsPage,
  meeting: MeetingPage,
  signIn: SignInPage,
  thread: ThreadPage,
  appraisals: AppraisalsPage,
  appraisal: AppraisalPage,
  quiz: QuizPage,
  points: PointsPage,
  rulebook: RulebookPage,
  courses: CoursesPage,
  course: CoursePage,
  exams: ExamsPage,
  exam: ExamPage,
  pointsReport: PointsReportPage,
  contest: ContestPage,
};

function Screens() {
  const { t, i18n } = useTranslation();
  const screen = useScreen();
  const me = useMe(screen !== 'login');

  useEffect(() => {
    document.title = t('m.title');
  }, [t, i18n.language]);

  useEffect(() => {
    if (screen === 'login') return;
    if (isApiError(me.error) && me.error.statusCode === 401) goToLogin();
    else if (me.data?.user.mustChangePassword && screen !== 'password') go('password', { replace: true });
  }, [screen, me.error, me.data]);

  if (screen === 'login') return <LoginPage />;
  if (me.isLoading) return <Loading />;
  if (me.isError) return <Problem error={me.error} onRetry={() => void me.refetch()} />;
  if (!me.data) return <Loading />;
  const Page = PAGES[screen];
  return <Page />;
}

/** 红云党员: the member's phone app. */
export function MemberApp() {
  return (
    <QueryClientProvider client={queryClient}>
      <Screens />
    </QueryClientProvider>
  );
}
