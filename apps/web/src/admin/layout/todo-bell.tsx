import { Badge, Button, Empty, List, Popover, Typography } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { todayInShanghai } from '@hongyun/shared';
import { useMyTodos, type Todo } from '../../api/my-meetings';

/**
 * The account's own to-dos (leave to decide, minutes to record, required meetings near their
 * deadline…): a private list for the person responsible, never a ranking.
 */
export function TodoBell() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const todos = useMyTodos();
  const [open, setOpen] = useState(false);
  const items = todos.data?.items ?? [];
  const today = todayInShanghai();

  const openTodo = (todo: Todo) => {
    setOpen(false);
    if (!todo.link) return;
    // Member-app links (/m/…) are a different app: load them; admin links stay in the router.
    if (todo.link === '/m' || todo.link.startsWith('/m/')) window.location.assign(todo.link);
    else navigate(todo.link);
  };

  const content = (
    <div style={{ width: 360, maxHeight: 420, overflowY: 'auto' }}>
      {todos.isError ? <Typography.Text type="danger">{t('header.todosFailed')}</Typography.Text> : null}
      {!todos.isError && items.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('header.todosEmpty')} /> : null}
      {items.length > 0 ? (
        <List<Todo>
          size="small"
          dataSource={items}
          renderItem={(todo) => (
            <List.Item key={`${todo.kind}-${todo.id ?? todo.title}`} style={{ cursor: todo.link ? 'pointer' : 'default' }} onClick={() => openTodo(todo)}>
              <List.Item.Meta
                title={<Typography.Text>{todo.title}</Typography.Text>}
                description={todo.dueOn ? <Typography.Text type={todo.dueOn < today ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>{t('header.todoDue', { date: todo.dueOn })}</Typography.Text> : null}
              />
            </List.Item>
          )}
        />
      ) : null}
    </div>
  );

  return (
    <Popover title={t('header.todos')} content={content} trigger="click" placement="bottomRight" open={open} onOpenChange={setOpen}>
      <Button type="text" aria-label={t('header.todosCount', { count: items.length })} data-testid="header-todos">
        <Badge count={items.length} size="small" overflowCount={99}>
          <BellOutlined style={{ fontSize: 16 }} />
        </Badge>
      </Button>
    </Popover>
  );
}
