import type { ReactNode } from 'react';
import { Empty, Flex, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from './error-alert';

interface QueryLike {
  isLoading: boolean;
  isError: boolean;
  error: unknown;
  refetch: () => unknown;
}

/** Loading, error and empty states of a query, or its content. */
export function QueryState({ query, empty, children }: { query: QueryLike; empty?: boolean; children: ReactNode }) {
  const { t } = useTranslation();
  if (query.isLoading) {
    return (
      <Flex justify="center" style={{ padding: 48 }}>
        <Spin description={t('common.loading')} />
      </Flex>
    );
  }
  if (query.isError) {
    // A record that does not exist (or is outside the caller's scope) will not appear on retry.
    const notFound = (query.error as { statusCode?: number } | null)?.statusCode === 404;
    return <ErrorAlert error={query.error} onRetry={notFound ? undefined : () => void query.refetch()} />;
  }
  if (empty) return <Empty description={t('common.noData')} />;
  return <>{children}</>;
}
