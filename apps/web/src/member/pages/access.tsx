import { useTranslation } from 'react-i18next';
import { useMyAccessLog } from '../../api/me';
import { formatDateTime } from '../../shared/format';
import { Loading, Problem, Shell } from '../components/ui';

/** 谁查看了我的档案: every view, reveal, export or change of the member's record (PIPL). */
export function AccessPage() {
  const { t } = useTranslation();
  const log = useMyAccessLog();
  const items = log.data?.items ?? [];

  return (
    <Shell title={t('m.home.access')}>
      <p className="m-intro">{t('m.access.intro')}</p>
      {log.isLoading ? <Loading /> : null}
      {log.isError ? <Problem error={log.error} onRetry={() => void log.refetch()} /> : null}
      {log.data && items.length === 0 ? <p className="m-empty">{t('m.access.empty')}</p> : null}
      {items.length > 0 ? (
        <ol className="m-timeline">
          {items.map((e, i) => (
            <li key={`${e.at}-${i}`} className="m-timeline-item">
              <time dateTime={e.at} className="m-muted">{formatDateTime(e.at)}</time>
              <p>
                <strong>{e.actorName ?? t('m.access.unknown')}</strong> {t(`audit.action.${e.action}`, { defaultValue: e.action })}
              </p>
            </li>
          ))}
        </ol>
      ) : null}
      {log.data && log.data.total > items.length ? <p className="m-muted m-footnote">{t('m.access.more', { shown: items.length, total: log.data.total })}</p> : null}
    </Shell>
  );
}
