import { useTranslation } from 'react-i18next';
import { useMyTodos } from '../../api/my-meetings';
import { TodoDue, useOpenTodo } from '../components/todo';
import { Loading, Problem, Shell } from '../components/ui';
import './meetings.css';

/** 待办: what is asked of me (reply to a meeting, write minutes, an appraisal form…), soonest due first. */
export function TodosPage() {
  const { t } = useTranslation();
  const todos = useMyTodos();
  const openTodo = useOpenTodo();
  const items = todos.data?.items ?? [];

  return (
    <Shell title={t('mmeetings.todos.title')}>
      <p className="m-intro">{t('mmeetings.todos.intro')}</p>
      {todos.isLoading ? <Loading /> : null}
      {todos.isError ? <Problem error={todos.error} onRetry={() => void todos.refetch()} /> : null}
      {todos.data && items.length === 0 ? <p className="m-empty">{t('mmeetings.todos.empty')}</p> : null}
      {items.length ? (
        <ul className="mm-list">
          {items.map((todo, i) => (
            <li key={todo.id ?? `computed-${i}`}>
              {todo.link ? (
                <button type="button" className="mm-item mm-todo" onClick={() => openTodo(todo.link ?? '/m/')}>
                  <span className="mm-todo-text">
                    <span className="mm-item-title">{todo.title}</span>
                    <TodoDue dueOn={todo.dueOn} />
                  </span>
                  <span className="m-tile-arrow" aria-hidden="true">›</span>
                </button>
              ) : (
                <div className="mm-item mm-todo">
                  <span className="mm-todo-text">
                    <span className="mm-item-title">{todo.title}</span>
                    <TodoDue dueOn={todo.dueOn} />
                  </span>
                </div>
              )}
            </li>
          ))}
        </ul>
      ) : null}
    </Shell>
  );
}
