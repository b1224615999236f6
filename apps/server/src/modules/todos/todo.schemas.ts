import { z } from 'zod';

export const TodoView = z.object({
  /** Stored to-dos have an id; reminders computed from the rules (compliance deadlines) have none. */
  id: z.number().int().nullable(),
  kind: z.string(),
  title: z.string(),
  link: z.string().nullable(),
  dueOn: z.string().nullable(),
  createdAt: z.string().nullable(),
});
export type TodoViewT = z.infer<typeof TodoView>;
export const TodoList = z.object({ items: z.array(TodoView) });
