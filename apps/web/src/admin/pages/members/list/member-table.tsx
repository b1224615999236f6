import { Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType, TableProps } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { GENDER_LABELS, KEY_POSITION_LABELS, MEMBER_CATEGORY_LABELS, MEMBER_STATUS_LABELS } from '@hongyun/shared';
import type { MemberList, MemberListItem, MemberListQuery } from '../../../../api/types';
import { formatDate, orDash } from '../../../../shared/format';
import { useLabel } from '../../../../shared/labels';

type SortKey = NonNullable<MemberListQuery['sort']>;

interface MemberTableProps {
  data?: MemberList;
  loading: boolean;
  query: MemberListQuery;
  onChange: (patch: Partial<MemberListQuery>) => void;
}

/** The roster page: masked ID and phone, sortable dates, server-side paging. */
export function MemberTable({ data, loading, query, onChange }: MemberTableProps) {
  const { t } = useTranslation();
  const label = useLabel();
  const sortOrder = (key: SortKey) => (query.sort === key ? (query.order === 'desc' ? 'descend' : 'ascend') : null);

  const columns: TableColumnsType<MemberListItem> = [
    {
      key: 'name', title: t('member.field.name'), fixed: 'left', width: 110, sorter: true, sortOrder: sortOrder('name'),
      render: (_, m) => <Link to={`/members/${m.id}`}>{m.name}</Link>,
    },
    { key: 'gender', title: t('member.field.gender'), width: 80, render: (_, m) => label(GENDER_LABELS[m.gender]) },
    {
      key: 'birthDate', title: t('member.field.age'), width: 80, sorter: true, sortOrder: sortOrder('birthDate'),
      render: (_, m) => <span title={m.birthDate}>{m.age}</span>,
    },
    { key: 'idNumber', title: t('member.field.idNumber'), width: 190, render: (_, m) => <Typography.Text code>{m.idNumberMasked}</Typography.Text> },
    { key: 'phone', title: t('member.field.phone'), width: 130, render: (_, m) => orDash(m.phoneMasked) },
    { key: 'org', title: t('member.field.org'), ellipsis: true, render: (_, m) => m.orgName },
    {
      key: 'category', title: t('member.field.category'), width: 150,
      render: (_, m) => <Tag color={m.category === 'full' ? 'red' : 'orange'}>{label(MEMBER_CATEGORY_LABELS[m.category])}</Tag>,
    },
    {
      key: 'status', title: t('member.field.status'), width: 100,
      render: (_, m) => (m.status === 'normal' ? label(MEMBER_STATUS_LABELS[m.status]) : <Tag>{label(MEMBER_STATUS_LABELS[m.status])}</Tag>),
    },
    {
      key: 'keyPositions', title: t('member.field.keyPositions'), width: 180,
      render: (_, m) => (
        <Space size={[0, 4]} wrap>
          {m.keyPositions.map((k) => <Tag key={k} color="blue">{label(KEY_POSITION_LABELS[k])}</Tag>)}
          {m.isMobile ? <Tag color="purple">{t('member.field.isMobile')}</Tag> : null}
        </Space>
      ),
    },
    { key: 'joinedOn', title: t('member.field.joinedOn'), width: 120, sorter: true, sortOrder: sortOrder('joinedOn'), render: (_, m) => formatDate(m.joinedOn) },
    {
      key: 'confirmedOn', title: t('member.field.confirmedOn'), width: 120, sorter: true, sortOrder: sortOrder('confirmedOn'),
      render: (_, m) => formatDate(m.confirmedOn),
    },
    { key: 'standing', title: t('member.field.standing'), width: 80, render: (_, m) => m.standingYears },
    { key: 'employer', title: t('member.field.employer'), ellipsis: true, render: (_, m) => orDash(m.employerName) },
  ];

  const handleChange: TableProps<MemberListItem>['onChange'] = (pagination, _filters, sorter, extra) => {
    if (extra.action === 'sort') {
      const s = Array.isArray(sorter) ? sorter[0] : sorter;
      const key = s?.columnKey;
      const sort = key === 'name' || key === 'birthDate' || key === 'joinedOn' || key === 'confirmedOn' ? key : undefined;
      onChange({ sort: s?.order && sort ? sort : 'name', order: s?.order === 'descend' ? 'desc' : 'asc' });
      return;
    }
    onChange({ page: pagination.current ?? 1, pageSize: pagination.pageSize ?? 20 });
  };

  return (
    <Table<MemberListItem>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={data?.items ?? []}
      loading={loading}
      onChange={handleChange}
      scroll={{ x: 1600 }}
      locale={{ emptyText: t('member.list.empty') }}
      pagination={{
        current: query.page,
        pageSize: query.pageSize,
        total: data?.total ?? 0,
        showSizeChanger: true,
        pageSizeOptions: [20, 50, 100],
        showTotal: (total) => t('common.total', { total }),
      }}
    />
  );
}
