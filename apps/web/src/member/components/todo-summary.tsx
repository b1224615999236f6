import { useTranslation } from 'react-i18next';
import { useMyTodos } from '../../api/my-meetings';
import { go } from '../router';
import { TodoDue, useOpenTodo } from './todo';

const SHOWN = 3;

/** The top of home: how many to-dos are open and the first few; nothing loud when there are none. */
export function TodoSummary() {
  const { t } = useTranslation();
  const todos = useMyTodos();
  const openTodo = useOpenTodo();
  const items = todos.data?.items ?? [];
  // Home stays usable when the to-dos cannot load; the 待办 screen shows the problem.
  if (!todos.data) return null;

  return (
    <section className="mm-summary" aria-labelledby="mm-summary-title">
      <div className="mm-summary-head">
        <h2 className="mm-summary-title" id="mm-summary-title">{items.length ? t('mmeetings.home.todosCount', { count: items.length }) : t('mmeetings.home.noTodos')}</h2>
        {items.length > SHOWN ? <button type="button" className="mm-summary-link" onClick={() => go('todos')}>{t('mmeetings.home.allTodos')} ›</button> : null}
      </div>
      {items.length ? (
        <ul className="mm-summary-list">
          {items.slice(0, SHOWN).map((todo, i) => (
            <li key={todo.id ?? `computed-${i}`}>
              <button type="button" className="mm-summary-item" onClick={() => (todo.link ? openTodo(todo.link) : go('todos'))}>
                <span>{todo.title}</span>
                {todo.dueOn ? <><br /><TodoDue dueOn={todo.dueOn} /></> : null}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
