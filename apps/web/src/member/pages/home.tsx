import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLogout, useMe } from '../../api/auth';
import { EyeIcon, KeyIcon, OrgIcon, ProfileIcon } from '../components/icons';
import { AppraisalIcon, MeetingIcon, ThreadIcon, TodoIcon } from '../components/orglife-icons';
import { CourseIcon, ExamIcon, PointsIcon, QuizIcon, RulebookIcon } from '../components/learning-icons';
import { TodoSummary } from '../components/todo-summary';
import { Shell } from '../components/ui';
import { go, type Screen } from '../router';
import './meetings.css';

/** Organisational life (组织生活): texts under `mmeetings.home.*`. */
const ORGLIFE_CARDS: { screen: Screen; icon: ReactNode; key: string }[] = [
  { screen: 'meetings', icon: <MeetingIcon />, key: 'meetings' },
  { screen: 'thread', icon: <ThreadIcon />, key: 'thread' },
  { screen: 'appraisals', icon: <AppraisalIcon />, key: 'appraisals' },
  { screen: 'todos', icon: <TodoIcon />, key: 'todos' },
];

/** Learning and points (学习积分): texts under `mlearning.home.*`. */
const LEARNING_CARDS: { screen: Screen; icon: ReactNode; key: string }[] = [
  { screen: 'quiz', icon: <QuizIcon />, key: 'quiz' },
  { screen: 'points', icon: <PointsIcon />, key: 'points' },
  { screen: 'courses', icon: <CourseIcon />, key: 'courses' },
  { screen: 'exams', icon: <ExamIcon />, key: 'exams' },
  { screen: 'rulebook', icon: <RulebookIcon />, key: 'rulebook' },
];

const CARDS: { screen: Screen; icon: ReactNode; key: string }[] = [
  { screen: 'profile', icon: <ProfileIcon />, key: 'profile' },
  { screen: 'org', icon: <OrgIcon />, key: 'org' },
  { screen: 'access', icon: <EyeIcon />, key: 'access' },
  { screen: 'password', icon: <KeyIcon />, key: 'password' },
];

/** Home: open to-dos first, then big cards for organisational life, the member's own record, organisation and account. */
export function HomePage() {
  const { t } = useTranslation();
  const me = useMe();
  const logout = useLogout();
  const linked = me.data?.user.memberId !== null && me.data?.user.memberId !== undefined;

  const handleLogout = () => logout.mutate(undefined, { onSettled: () => go('login', { replace: true }) });

  return (
    <Shell title={t('m.title')} home>
      <p className="m-greeting">{t('m.home.hello', { name: me.data?.user.displayName ?? '' })}</p>
      {!linked ? <div className="m-notice" role="note">{t('m.home.notLinked')}</div> : null}
      <TodoSummary />
      <nav className="m-cards" aria-label={t('mmeetings.home.menu')} style={{ marginBottom: 12 }}>
        {/* To-dos also reach accounts without a member record (e.g. leave requests to decide). */}
        {ORGLIFE_CARDS.filter((c) => linked || c.screen === 'todos').map((c) => (
          <Tile key={c.key} icon={c.icon} id={`mm-tile-${c.key}`} title={t(`mmeetings.home.${c.key}`)} sub={t(`mmeetings.home.${c.key}Sub`)} onClick={() => go(c.screen)} />
        ))}
      </nav>
      {linked ? (
        <nav className="m-cards" aria-label={t('mlearning.home.menu')} style={{ marginBottom: 12 }}>
          {LEARNING_CARDS.map((c) => (
            <Tile key={c.key} icon={c.icon} id={`ml-tile-${c.key}`} title={t(`mlearning.home.${c.key}`)} sub={t(`mlearning.home.${c.key}Sub`)} onClick={() => go(c.screen)} />
          ))}
        </nav>
      ) : null}
      <nav className="m-cards" aria-label={t('m.home.menu')}>
        {CARDS.filter((c) => linked || c.screen === 'password').map((c) => (
          <Tile key={c.key} icon={c.icon} id={`m-tile-${c.key}`} title={t(`m.home.${c.key}`)} sub={t(`m.home.${c.key}Sub`)} onClick={() => go(c.screen)} />
        ))}
      </nav>
      <button type="button" className="m-button m-button-secondary m-logout" onClick={handleLogout} disabled={logout.isPending}>
        {t('header.logout')}
      </button>
    </Shell>
  );
}

function Tile({ id, icon, title, sub, onClick }: { id: string; icon: ReactNode; title: string; sub: string; onClick: () => void }) {
  return (
    <button type="button" className="m-tile" onClick={onClick} aria-labelledby={id} aria-describedby={`${id}-sub`}>
      <span className="m-tile-icon" aria-hidden="true">{icon}</span>
      <span className="m-tile-text">
        <span className="m-tile-title" id={id}>{title}</span>
        <span className="m-tile-sub" id={`${id}-sub`}>{sub}</span>
      </span>
      <span className="m-tile-arrow" aria-hidden="true">›</span>
    </button>
  );
}
