import type { FormInstance } from 'antd';
import { isApiError, type FieldIssue } from '../../api/client';

/** 'body.posts.0.memberId' → ['posts', 0, 'memberId'] */
function namePath(path: string): (string | number)[] {
  return path
    .replace(/^body\.?/, '')
    .split('.')
    .filter(Boolean)
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/**
 * Puts the server's field issues onto the matching form fields. Answers the issues no field
 * of the form shows, so the caller can show them elsewhere.
 */
export function applyFieldErrors(form: FormInstance, error: unknown): FieldIssue[] {
  if (!isApiError(error) || !error.details?.issues?.length) return [];
  const registered = new Set(form.getFieldsError().map((f) => f.name.join('.')));
  const unmatched: FieldIssue[] = [];
  const fields: { name: (string | number)[]; errors: string[] }[] = [];
  for (const issue of error.details.issues) {
    const name = namePath(issue.path);
    // A list field ('posts') may report an issue on the list or on one of its items.
    const key = [name.join('.'), String(name[0] ?? '')].find((k) => registered.has(k));
    if (key === undefined) {
      unmatched.push(issue);
      continue;
    }
    const target = key === name.join('.') ? name : [name[0] ?? ''];
    const existing = fields.find((f) => f.name.join('.') === target.join('.'));
    if (existing) existing.errors.push(issue.message);
    else fields.push({ name: target, errors: [issue.message] });
  }
  form.setFields(fields);
  return unmatched;
}
