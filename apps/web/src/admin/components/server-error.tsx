import { useCallback, useEffect, useRef, useState } from 'react';
import { Alert, Button } from 'antd';
import type { FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import { isApiError, type FieldIssue } from '../../api/client';
import { errorDetail, errorText } from '../../shared/errors';
import { applyFieldErrors } from './form-errors';

interface ServerErrorState {
  error: unknown;
  unmatched: FieldIssue[];
}

/**
 * A form's server errors: field issues go onto the fields, everything else into one alert
 * (with "reload" for a stale version).
 */
export function useServerErrors(form: FormInstance, onReload?: () => void) {
  const { t } = useTranslation();
  const [state, setState] = useState<ServerErrorState | null>(null);

  const alertRef = useRef<HTMLDivElement>(null);

  const handle = useCallback((error: unknown) => setState({ error, unmatched: applyFieldErrors(form, error) }), [form]);
  const clear = useCallback(() => setState(null), []);

  // Long forms: bring the problem into view (the first marked field, else the alert).
  useEffect(() => {
    if (!state) return;
    const marked = form.getFieldsError().find((f) => f.errors.length > 0);
    if (marked) form.scrollToField(marked.name, { block: 'center' });
    else alertRef.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, [state, form]);

  let alert = null;
  if (state) {
    const { error, unmatched } = state;
    // Plain validation problems all shown on their fields need only a pointer; a conflict
    // (e.g. MEMBER_DUPLICATE) keeps its own explanation.
    const allOnFields = isApiError(error) && error.code === 'VALIDATION_FAILED' && (error.details?.issues?.length ?? 0) > 0 && unmatched.length === 0;
    const stale = isApiError(error) && error.code === 'STALE_VERSION';
    alert = (
      <div ref={alertRef}>
        <Alert
          type="error"
          showIcon
          role="alert"
          style={{ marginBottom: 16 }}
          title={allOnFields ? t('errors.checkFields') : errorText(t, error)}
          description={
            unmatched.length > 0 ? (
              <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                {unmatched.map((i) => <li key={i.path + i.message}>{i.message}</li>)}
              </ul>
            ) : allOnFields ? undefined : errorDetail(t, error)
          }
          action={stale && onReload ? <Button size="small" onClick={() => { clear(); onReload(); }}>{t('common.reload')}</Button> : undefined}
        />
      </div>
    );
  }
  return { handle, clear, alert };
}
