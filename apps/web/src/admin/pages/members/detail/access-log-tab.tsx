import { Alert, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { useMemberAccessLog } from '../../../../api/members';
import type { AccessLog } from '../../../../api/types';
import { formatDateTime, orDash } from '../../../../shared/format';
import { QueryState } from '../../../components/page-state';

type Entry = AccessLog['items'][number];

/** 访问记录: who viewed, revealed, exported or changed this record. */
export function AccessLogTab({ memberId }: { memberId: number }) {
  const { t } = useTranslation();
  const log = useMemberAccessLog(memberId, true);
  return (
    <QueryState query={log}>
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('member.access.hint')} />
      <Table<Entry>
        rowKey={(e) => `${e.at}-${e.action}-${e.actorName ?? ''}`}
        size="small"
        dataSource={log.data?.items ?? []}
        pagination={{ pageSize: 20, showTotal: (total) => t('common.total', { total }) }}
        locale={{ emptyText: t('member.access.empty') }}
        columns={[
          { key: 'at', title: t('audit.field.at'), width: 170, render: (_, e) => formatDateTime(e.at) },
          { key: 'actor', title: t('audit.field.actor'), render: (_, e) => orDash(e.actorName) },
          { key: 'action', title: t('audit.field.action'), render: (_, e) => t(`audit.action.${e.action}`, { defaultValue: e.action }) },
          { key: 'ip', title: t('audit.field.ip'), render: (_, e) => orDash(e.ip) },
        ]}
      />
    </QueryState>
  );
}
