import { Button, Col, DatePicker, Flex, Form, Input, Radio, Row, Select, TimePicker, Typography } from 'antd';
import type { FormInstance } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { MEETING_KIND_LABELS, MEETING_KINDS, MEETING_MODE_LABELS, MEETING_MODES } from '@hongyun/shared';
import { useLabel } from '../../../shared/labels';
import { OrgTreeSelect } from '../../components/org-tree-select';
import type { MeetingValues } from './form-values';
import { VenueSelect } from './venue-select';

interface PlanFieldsProps {
  form: FormInstance<MeetingValues>;
  /** Editing: the organisation is fixed and shown by name. */
  fixedOrgName: string | null;
  knownVenue: { id: number; name: string } | null;
}

/** What, when and where: organisation, kind, title, topics (议题), time, and the room or the online link. */
export function PlanFields({ form, fixedOrgName, knownVenue }: PlanFieldsProps) {
  const { t } = useTranslation();
  const label = useLabel();
  const mode = Form.useWatch('mode', form);
  const venueId = Form.useWatch('venueId', form);

  return (
    <>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          {fixedOrgName !== null ? (
            <Form.Item label={t('meetings.field.org')}>
              <Input value={fixedOrgName} disabled />
            </Form.Item>
          ) : (
            <Form.Item name="orgId" label={t('meetings.field.org')} rules={[{ required: true, message: t('meetings.form.orgRequired') }]}>
              <OrgTreeSelect allowClear={false} placeholder={t('meetings.form.orgPlaceholder')} />
            </Form.Item>
          )}
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="kind" label={t('meetings.field.kind')} rules={[{ required: true, message: t('meetings.form.kindRequired') }]}>
            <Select placeholder={t('meetings.form.kindPlaceholder')} options={MEETING_KINDS.map((k) => ({ value: k, label: label(MEETING_KIND_LABELS[k]) }))} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="title" label={t('meetings.field.title')} rules={[{ required: true, whitespace: true, message: t('meetings.form.titleRequired') }, { max: 100 }]}>
        <Input maxLength={100} showCount placeholder={t('meetings.form.titlePlaceholder')} />
      </Form.Item>
      <Form.Item label={t('meetings.field.topics')} required extra={t('meetings.form.topicsHint')}>
        <Form.List name="topics">
          {(fields, { add, remove }) => (
            <Flex vertical gap={8}>
              {fields.map((field, i) => (
                <Flex key={field.key} gap={8} align="start">
                  <Typography.Text style={{ width: 24, lineHeight: '32px' }}>{i + 1}.</Typography.Text>
                  <Form.Item name={field.name} style={{ marginBottom: 0, flex: 1 }} rules={[{ required: true, whitespace: true, message: t('meetings.form.topicRequired') }, { max: 200 }]}>
                    <Input maxLength={200} placeholder={t('meetings.form.topicPlaceholder')} aria-label={t('meetings.form.topicLabel', { n: i + 1 })} />
                  </Form.Item>
                  <Button type="text" danger icon={<DeleteOutlined />} disabled={fields.length <= 1} onClick={() => remove(field.name)} aria-label={t('meetings.form.removeTopic')} />
                </Flex>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add('')} disabled={fields.length >= 20} style={{ alignSelf: 'flex-start' }}>{t('meetings.form.addTopic')}</Button>
            </Flex>
          )}
        </Form.List>
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item name="startsAt" label={t('meetings.field.startsAt')} rules={[{ required: true, message: t('meetings.form.startsAtRequired') }]} extra={t('meetings.form.timeZoneHint')}>
            <DatePicker showTime={{ format: 'HH:mm', minuteStep: 5 }} format="YYYY-MM-DD HH:mm" needConfirm={false} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="endsAt" label={t('meetings.field.endsAt')} rules={[{ required: true, message: t('meetings.form.endsAtRequired') }]}>
            <TimePicker format="HH:mm" minuteStep={5} needConfirm={false} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="mode" label={t('meetings.field.mode')} extra={t('meetings.form.modeHint')}>
        <Radio.Group optionType="button" options={MEETING_MODES.map((m) => ({ value: m, label: label(MEETING_MODE_LABELS[m]) }))} />
      </Form.Item>
      {mode !== 'online' ? (
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="venueId"
              label={t('meetings.field.venue')}
              extra={venueId ? <a href={`/venues/${venueId}`} target="_blank" rel="noreferrer">{t('meetings.form.venueCalendar')}</a> : t('meetings.form.venueHint')}
            >
              <VenueSelect known={knownVenue} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="place"
              label={t('meetings.field.place')}
              dependencies={['venueId']}
              rules={[
                { max: 200 },
                // A room is needed for an in-person meeting: a booked venue, or a place in words.
                ({ getFieldValue }) => ({
                  validator: (_, v: string | undefined) => (getFieldValue('venueId') || v?.trim() ? Promise.resolve() : Promise.reject(new Error(t('meetings.form.placeRequired')))),
                }),
              ]}
              extra={t('meetings.form.placeHint')}
            >
              <Input maxLength={200} placeholder={t('meetings.form.placePlaceholder')} />
            </Form.Item>
          </Col>
        </Row>
      ) : null}
      {mode !== 'offline' ? (
        <Form.Item name="onlineLink" label={t('meetings.field.onlineLink')} rules={[{ required: true, whitespace: true, message: t('meetings.form.onlineLinkRequired') }, { max: 500 }]} extra={t('meetings.form.onlineLinkHint')}>
          <Input maxLength={500} placeholder={t('meetings.form.onlineLinkPlaceholder')} />
        </Form.Item>
      ) : null}
    </>
  );
}
