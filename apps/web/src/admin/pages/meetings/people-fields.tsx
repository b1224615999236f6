import { Alert, Button, Col, Flex, Form, Input, Radio, Row, Select } from 'antd';
import type { FormInstance } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { OrgDetail } from '../../../api/types';
import { OrgMemberSelect, OrgMembersSelect } from './org-member-select';
import type { MeetingValues } from './form-values';

interface PeopleFieldsProps {
  form: FormInstance<MeetingValues>;
  org: OrgDetail | undefined;
  /** Names of the people already chosen (editing), for the pickers' labels. */
  known: { id: number; name: string }[];
}

/** Who runs the meeting and who is invited: host, recorder, the lecturer (党课), the party group (党小组会), extras and guests. */
export function PeopleFields({ form, org, known }: PeopleFieldsProps) {
  const { t } = useTranslation();
  const kind = Form.useWatch('kind', form);
  const lecturerSource = Form.useWatch('lecturerSource', form);
  const orgId = org?.id;
  const required = (key: string) => [{ required: true, message: t(key) }];

  return (
    <>
      {kind ? <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t(`meetings.form.invites.${kind === 'committeeMeeting' || kind === 'groupMeeting' ? kind : 'all'}`)} /> : null}
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item name="hostMemberId" label={t('meetings.field.host')} rules={required('meetings.form.hostRequired')}>
            <OrgMemberSelect orgId={orgId} known={known} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="recorderMemberId" label={t('meetings.field.recorder')} rules={required('meetings.form.recorderRequired')} extra={t('meetings.form.recorderHint')}>
            <OrgMemberSelect orgId={orgId} known={known} />
          </Form.Item>
        </Col>
      </Row>
      {kind === 'lecture' ? (
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name="lecturerSource" label={t('meetings.field.lecturer')}>
              <Radio.Group options={[{ value: 'member', label: t('meetings.form.lecturerMember') }, { value: 'external', label: t('meetings.form.lecturerExternal') }]} />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            {lecturerSource === 'external' ? (
              <Form.Item name="lecturerName" label={t('meetings.form.lecturerName')} rules={[{ required: true, whitespace: true, message: t('meetings.form.lecturerRequired') }, { max: 30 }]}>
                <Input maxLength={30} placeholder={t('meetings.form.lecturerNamePlaceholder')} />
              </Form.Item>
            ) : (
              <Form.Item name="lecturerMemberId" label={t('meetings.form.lecturerMemberLabel')} rules={required('meetings.form.lecturerRequired')}>
                <OrgMemberSelect orgId={orgId} known={known} />
              </Form.Item>
            )}
          </Col>
        </Row>
      ) : null}
      {kind === 'groupMeeting' ? (
        <Form.Item name="partyGroupId" label={t('meetings.field.partyGroup')} rules={required('meetings.form.partyGroupRequired')}
          extra={org && org.partyGroups.length === 0 ? t('meetings.form.noPartyGroups') : undefined}>
          <Select
            placeholder={t('meetings.form.partyGroupPlaceholder')}
            options={(org?.partyGroups ?? []).map((g) => ({ value: g.id, label: t('meetings.form.partyGroupOption', { name: g.name, n: g.memberCount }) }))}
          />
        </Form.Item>
      ) : null}
      <Form.Item name="extraInviteeIds" label={t('meetings.field.extraInvitees')} extra={t('meetings.form.extraInviteesHint')}>
        <OrgMembersSelect orgId={orgId} />
      </Form.Item>
      <Form.Item label={t('meetings.field.guests')} extra={t('meetings.form.guestsHint')}>
        <Form.List name="guests">
          {(fields, { add, remove }) => (
            <Flex vertical gap={8}>
              {fields.map((field) => (
                <Flex key={field.key} gap={8} align="start">
                  <Form.Item name={[field.name, 'name']} style={{ marginBottom: 0, width: 160 }} rules={[{ required: true, whitespace: true, message: t('meetings.form.guestNameRequired') }, { max: 30 }]}>
                    <Input placeholder={t('meetings.form.guestName')} maxLength={30} aria-label={t('meetings.form.guestName')} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'note']} style={{ marginBottom: 0, flex: 1 }} rules={[{ max: 100 }]}>
                    <Input placeholder={t('meetings.form.guestNote')} maxLength={100} aria-label={t('meetings.form.guestNote')} />
                  </Form.Item>
                  <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label={t('meetings.form.removeGuest')} />
                </Flex>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ name: '', note: '' })} style={{ alignSelf: 'flex-start' }} disabled={fields.length >= 50}>
                {t('meetings.form.addGuest')}
              </Button>
            </Flex>
          )}
        </Form.List>
      </Form.Item>
    </>
  );
}
