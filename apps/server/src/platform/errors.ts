/** A field-level problem: where, what is wrong, in words a user can act on. */
export interface FieldIssue {
  path: string;
  message: string;
}

/** Errors the API shows to clients, each with a stable `code` the web translates. */
export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export class NotFound extends AppError {
  constructor(message = '未找到该记录，或您无权查看') {
    super(404, 'NOT_FOUND', message);
  }
}

export class Invalid extends AppError {
  constructor(message: string, issues?: FieldIssue[], code = 'VALIDATION_FAILED') {
    super(400, code, message, issues ? { issues } : undefined);
  }
}

export class Conflict extends AppError {
  constructor(code: string, message: string, details?: unknown) {
    super(409, code, message, details);
  }
}

export class Forbidden extends AppError {
  constructor(code = 'FORBIDDEN', message = '您的账号没有执行此操作的权限') {
    super(403, code, message);
  }
}

export class Unauthenticated extends AppError {
  constructor(code = 'UNAUTHENTICATED', message = '请先登录') {
    super(401, code, message);
  }
}

export class TooManyRequests extends AppError {
  constructor(message: string, retryAfterSeconds: number) {
    super(429, 'TOO_MANY_REQUESTS', message, { retryAfterSeconds });
  }
}

/** Throws Invalid for one field; the common case in services. */
export function invalidField(path: string, message: string): never {
  throw new Invalid(message, [{ path, message }]);
}

/**
 * Checks the text fields of a multipart upload (not validated by the route schema) and turns
 * zod's issues into the error envelope's field list; unknown fields are named.
 */
export function parseFormFields<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: { code: string; path: PropertyKey[]; message: string; keys?: string[] }[] } } }, raw: Record<string, string>): T {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => ({
    path: i.code === 'unrecognized_keys' ? (i.keys ?? []).join(',') : i.path.map(String).join('.'),
    message: i.code === 'unrecognized_keys' ? `不支持的字段：${(i.keys ?? []).join('、')}，请删除后重试` : i.message,
  }));
  throw new Invalid(`请求内容不正确：${issues.map((i) => `${i.path} ${i.message}`).join('；')}`, issues);
}
