import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorDetail, errorText } from '../../shared/errors';

interface ErrorAlertProps {
  error: unknown;
  onRetry?: () => void;
}

/** An error in words a user can act on, with the server's own explanation and a retry. */
export function ErrorAlert({ error, onRetry }: ErrorAlertProps) {
  const { t } = useTranslation();
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={errorText(t, error)}
      description={errorDetail(t, error)}
      action={onRetry ? <Button size="small" onClick={onRetry}>{t('common.retry')}</Button> : undefined}
    />
  );
}
