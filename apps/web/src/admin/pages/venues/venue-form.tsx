import { App, Button, Flex, Form, Input, InputNumber, Modal, Select, Space, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { VENUE_KINDS, VENUE_KIND_LABELS, type VenueKind } from '@hongyun/shared';
import { useLabel } from '../../../shared/labels';
import { OrgTreeSelect } from '../../components/org-tree-select';
import { useServerErrors } from '../../components/server-error';
import { useCreateVenue, useUpdateVenue, type OpeningSlot, type Venue } from './api';
import { WEEKDAYS } from './hours';

interface Values {
  kind: VenueKind;
  name: string;
  orgId: number;
  address: string;
  capacity: number;
  openingHours: OpeningSlot[];
  contactName?: string;
  contactPhone?: string;
  note?: string;
}

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const WORKDAYS: OpeningSlot[] = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens: '08:30', closes: '17:30' }));

/** Registers or edits a venue: kind, owner (a town or the city), address, capacity, opening hours, contact. */
export function VenueFormModal({ venue, onClose }: { venue: Venue | null; onClose: () => void }) {
  const { t } = useTranslation();
  const label = useLabel();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreateVenue();
  const update = useUpdateVenue();
  const errors = useServerErrors(form, onClose);
  const trim = (s?: string) => s?.trim() || null;

  const handleFinish = (v: Values) => {
    errors.clear();
    const body = {
      kind: v.kind, name: v.name.trim(), orgId: v.orgId, address: v.address.trim(), capacity: v.capacity, openingHours: v.openingHours ?? [],
      contactName: trim(v.contactName), contactPhone: trim(v.contactPhone), note: trim(v.note),
    };
    const done = { onSuccess: () => { message.success(t('common.saved')); onClose(); }, onError: errors.handle };
    if (venue) update.mutate({ id: venue.id, body: { ...body, version: venue.version } }, done);
    else create.mutate(body, done);
  };

  const initial: Partial<Values> = venue
    ? { kind: venue.kind, name: venue.name, orgId: venue.orgId, address: venue.address, capacity: venue.capacity, openingHours: venue.openingHours, contactName: venue.contactName ?? undefined, contactPhone: venue.contactPhone ?? undefined, note: venue.note ?? undefined }
    : { kind: 'serviceCenter', capacity: 30, openingHours: WORKDAYS };

  return (
    <Modal open title={venue ? t('venues.form.editTitle', { name: venue.name }) : t('venues.create')} okText={t('common.save')} cancelText={t('common.cancel')}
      onOk={() => form.submit()} onCancel={onClose} confirmLoading={create.isPending || update.isPending} width={680} destroyOnHidden>
      {errors.alert}
      <Form<Values> form={form} layout="vertical" onFinish={handleFinish} initialValues={initial}>
        <Flex gap={12}>
          <Form.Item label={t('venues.field.kind')} name="kind" rules={[{ required: true, message: t('common.required') }]} style={{ width: 180 }}>
            <Select options={VENUE_KINDS.map((k) => ({ value: k, label: label(VENUE_KIND_LABELS[k]) }))} />
          </Form.Item>
          <Form.Item label={t('venues.field.name')} name="name" rules={[{ required: true, whitespace: true, message: t('common.required') }, { max: 60 }]} style={{ flex: 1 }}>
            <Input />
          </Form.Item>
        </Flex>
        <Flex gap={12}>
          <Form.Item label={t('venues.field.owner')} name="orgId" rules={[{ required: true, message: t('venues.form.ownerRequired') }]} extra={t('venues.form.ownerHint')} style={{ flex: 1 }}>
            <OrgTreeSelect allowClear={false} disabled={(n) => !n.isTown && n.parentId !== null} />
          </Form.Item>
          <Form.Item label={t('venues.field.capacity')} name="capacity" rules={[{ required: true, message: t('common.required') }]} style={{ width: 140 }}>
            <InputNumber min={1} max={10000} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Flex>
        <Form.Item label={t('venues.field.address')} name="address" rules={[{ required: true, whitespace: true, message: t('common.required') }, { max: 200 }]}>
          <Input />
        </Form.Item>
        <Typography.Text strong>{t('venues.field.hours')}</Typography.Text>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>{t('venues.form.hoursHint')}</Typography.Paragraph>
        <Form.List name="openingHours">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field) => (
                <Space key={field.key} align="baseline" wrap>
                  <Form.Item name={[field.name, 'weekday']} rules={[{ required: true, message: t('common.required') }]}>
                    <Select aria-label={t('venues.field.weekday')} style={{ width: 100 }} options={WEEKDAYS.map((d) => ({ value: d, label: t(`venues.weekday.${d}`) }))} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'opens']} rules={[{ required: true, pattern: TIME, message: t('venues.form.timeFormat') }]}>
                    <Input type="time" aria-label={t('venues.field.opens')} style={{ width: 120 }} />
                  </Form.Item>
                  <span>—</span>
                  <Form.Item name={[field.name, 'closes']} rules={[{ required: true, pattern: TIME, message: t('venues.form.timeFormat') }]}>
                    <Input type="time" aria-label={t('venues.field.closes')} style={{ width: 120 }} />
                  </Form.Item>
                  <Button type="text" icon={<DeleteOutlined />} aria-label={t('venues.form.removeSlot')} onClick={() => remove(field.name)} />
                </Space>
              ))}
              <Space style={{ marginBottom: 16 }}>
                <Button icon={<PlusOutlined />} onClick={() => add({ weekday: 6, opens: '09:00', closes: '12:00' })}>{t('venues.form.addSlot')}</Button>
                <Button onClick={() => form.setFieldValue('openingHours', WORKDAYS)}>{t('venues.form.workdays')}</Button>
              </Space>
            </>
          )}
        </Form.List>
        <Flex gap={12}>
          <Form.Item label={t('venues.field.contactName')} name="contactName" rules={[{ max: 50 }]} style={{ flex: 1 }}><Input /></Form.Item>
          <Form.Item label={t('venues.field.contactPhone')} name="contactPhone" rules={[{ max: 30 }]} style={{ flex: 1 }}><Input inputMode="tel" /></Form.Item>
        </Flex>
        <Form.Item label={t('venues.field.note')} name="note" rules={[{ max: 500 }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
