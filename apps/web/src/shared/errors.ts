import type { TFunction } from 'i18next';
import { isApiError } from '../api/client';

/**
 * A user-facing sentence for any error: the catalog text for the server's code
 * (`errors.<CODE>`, with details such as retryAfterMinutes), else the server's own zh message.
 */
export function errorText(t: TFunction, error: unknown): string {
  if (isApiError(error)) {
    const seconds = error.details?.retryAfterSeconds;
    const minutes = typeof seconds === 'number' ? Math.max(1, Math.ceil(seconds / 60)) : undefined;
    return t(`errors.${error.code}`, { defaultValue: error.message, minutes, message: error.message });
  }
  if (error instanceof Error) return error.message;
  return t('errors.UNKNOWN');
}

/** The server's own (zh) explanation when it says more than the catalog text. */
export function errorDetail(t: TFunction, error: unknown): string | undefined {
  if (!isApiError(error)) return undefined;
  const text = errorText(t, error);
  return error.message && error.message !== text ? error.message : undefined;
}
