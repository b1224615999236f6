import { useTranslation } from 'react-i18next';
import { daysBetween, todayInShanghai } from '@hongyun/shared';
import { hasPermission, useMe } from '../../api/auth';
import { goToPath } from '../router';

/** "今天到期" / "还剩 3 天" / "已过期 2 天" for a to-do's due date (Beijing days). */
export function TodoDue({ dueOn }: { dueOn: string | null }) {
  const { t } = useTranslation();
  if (!dueOn) return null;
  const days = daysBetween(todayInShanghai(), dueOn);
  const text = days < 0 ? t('mmeetings.todos.overdue', { n: -days }) : days === 0 ? t('mmeetings.todos.today') : t('mmeetings.todos.left', { n: days, date: dueOn });
  return <span className={`mm-todo-due${days <= 1 ? ' mm-todo-due-soon' : ''}`}>{text}</span>;
}

/**
 * Opens a to-do's link. A secretary's meeting link ('/meetings/12') opens the admin page;
 * a member without admin access (e.g. the recorder) gets the same meeting in this app.
 */
export function useOpenTodo(): (link: string) => void {
  const me = useMe();
  return (link) => {
    const meeting = /^\/meetings\/(\d+)$/.exec(link);
    if (meeting && !hasPermission(me.data, 'meeting.read')) goToPath(`/m/meetings/${meeting[1]}`);
    else goToPath(link);
  };
}
