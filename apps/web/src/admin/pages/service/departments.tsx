import { useState } from 'react';
import { App, Button, Card, Checkbox, Flex, Form, Input, InputNumber, Modal, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useAbolishDepartment, useCreateDepartment, useDepartments, useUpdateDepartment, type Department } from '../../../api/service';
import { errorText } from '../../../shared/errors';
import { orDash } from '../../../shared/format';
import { ErrorAlert } from '../../components/error-alert';
import { PageHeader } from '../../components/page-header';
import { useServerErrors } from '../../components/server-error';

/** 联席会议成员单位: the joint conference's departments, their duties and contacts. */
export function DepartmentsPage() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const [showAbolished, setShowAbolished] = useState(false);
  const departments = useDepartments(showAbolished);
  const abolish = useAbolishDepartment();
  const [editing, setEditing] = useState<Department | 'new' | null>(null);

  const confirmAbolish = (d: Department) =>
    modal.confirm({
      title: t('service.department.abolishConfirm', { name: d.name }),
      content: t('service.department.abolishText'),
      okText: t('service.department.abolish'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: () => abolish.mutateAsync({ id: d.id, version: d.version }).then(() => message.success(t('service.department.abolished')), (e: unknown) => message.error(errorText(t, e))),
    });

  const columns: TableColumnsType<Department> = [
    { key: 'name', title: t('service.department.name'), width: 180, render: (_, d) => <Space><Typography.Text strong>{d.name}</Typography.Text>{d.abolishedOn ? <Tag>{t('service.department.abolishedOn', { date: d.abolishedOn })}</Tag> : null}</Space> },
    { key: 'duties', title: t('service.department.duties'), render: (_, d) => <Typography.Paragraph ellipsis={{ rows: 2, expandable: true }} style={{ margin: 0 }}>{orDash(d.duties)}</Typography.Paragraph> },
    { key: 'contact', title: t('service.department.contact'), width: 170, render: (_, d) => <>{orDash(d.contactName)}<div style={{ fontSize: 12, color: '#888' }}>{d.contactPhone}</div></> },
    { key: 'open', title: t('service.department.openRequests'), width: 110, render: (_, d) => d.openRequests },
    { key: 'overdue', title: t('service.department.overdueRequests'), width: 90, render: (_, d) => (d.overdueRequests ? <Tag color="red">{d.overdueRequests}</Tag> : 0) },
    {
      key: 'actions', title: t('common.actions'), width: 150,
      render: (_, d) => (d.abilities.edit ? (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setEditing(d)}>{t('common.edit')}</Button>
          <Button type="link" size="small" danger onClick={() => confirmAbolish(d)}>{t('service.department.abolish')}</Button>
        </Space>
      ) : null),
    },
  ];

  return (
    <>
      <PageHeader title={t('service.department.pageTitle')} extra={<Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>{t('service.department.create')}</Button>}>
        <Typography.Text type="secondary">{t('service.department.hint')}</Typography.Text>
      </PageHeader>
      <Card>
        <Flex style={{ marginBottom: 16 }}>
          <Checkbox checked={showAbolished} onChange={(e) => setShowAbolished(e.target.checked)}>{t('service.department.showAbolished')}</Checkbox>
        </Flex>
        {departments.isError ? <ErrorAlert error={departments.error} onRetry={() => void departments.refetch()} /> : null}
        <Table<Department> rowKey="id" size="middle" columns={columns} dataSource={departments.data?.items ?? []} loading={departments.isFetching} pagination={false} scroll={{ x: 1000 }} locale={{ emptyText: t('service.department.empty') }} />
      </Card>
      {editing ? <DepartmentModal department={editing === 'new' ? null : editing} onClose={() => setEditing(null)} /> : null}
    </>
  );
}

interface Values {
  name: string;
  duties?: string;
  contactName?: string;
  contactPhone?: string;
  position?: number;
}

function DepartmentModal({ department, onClose }: { department: Department | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreateDepartment();
  const update = useUpdateDepartment();
  const errors = useServerErrors(form, onClose);
  const trim = (s?: string) => s?.trim() || undefined;

  const handleFinish = (v: Values) => {
    errors.clear();
    const done = { onSuccess: () => { message.success(t('common.saved')); onClose(); }, onError: errors.handle };
    if (department) {
      update.mutate({ id: department.id, body: { version: department.version, name: v.name.trim(), duties: trim(v.duties) ?? null, contactName: trim(v.contactName) ?? null, contactPhone: trim(v.contactPhone) ?? null, position: v.position } }, done);
    } else {
      create.mutate({ name: v.name.trim(), duties: trim(v.duties), contactName: trim(v.contactName), contactPhone: trim(v.contactPhone), position: v.position }, done);
    }
  };

  return (
    <Modal open title={department ? t('service.department.editTitle', { name: department.name }) : t('service.department.create')} okText={t('common.save')} cancelText={t('common.cancel')}
      onOk={() => form.submit()} onCancel={onClose} confirmLoading={create.isPending || update.isPending} width={600} destroyOnHidden>
      {errors.alert}
      <Form<Values> form={form} layout="vertical" onFinish={handleFinish}
        initialValues={department ? { name: department.name, duties: department.duties ?? undefined, contactName: department.contactName ?? undefined, contactPhone: department.contactPhone ?? undefined, position: department.position } : { position: 0 }}>
        <Form.Item label={t('service.department.name')} name="name" rules={[{ required: true, whitespace: true, message: t('common.required') }, { max: 60 }]}>
          <Input />
        </Form.Item>
        <Form.Item label={t('service.department.duties')} name="duties" rules={[{ max: 1000 }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
        <Flex gap={12}>
          <Form.Item label={t('service.department.contactName')} name="contactName" rules={[{ max: 50 }]} style={{ flex: 1 }}><Input /></Form.Item>
          <Form.Item label={t('service.department.contactPhone')} name="contactPhone" rules={[{ max: 30 }]} style={{ flex: 1 }}><Input inputMode="tel" /></Form.Item>
          <Form.Item label={t('service.department.position')} name="position" style={{ width: 100 }}><InputNumber min={0} max={999} style={{ width: '100%' }} /></Form.Item>
        </Flex>
      </Form>
    </Modal>
  );
}
