import { Alert, App, Button, Col, Flex, Form, Input, InputNumber, Row, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { moreThanHalf, VOTE_RULE_CITATION, voteOutcome } from '@hongyun/shared';
import { useRecordVote, type MeetingDetail, type MeetingVote } from '../../../api/meetings';
import { OrgMemberSelect } from './org-member-select';
import { useServerErrors } from '../../components/server-error';

interface VoteValues {
  item: string;
  subjectMemberId?: number;
  yes: number;
  no: number;
  abstain: number;
}

/** Votes at a 支部党员大会, with the quorum rule spelled out (the denominator is who is entitled, not who came). */
export function VotesPanel({ meeting: m }: { meeting: MeetingDetail }) {
  const { t } = useTranslation();
  const voters = m.voters ?? { entitled: 0, present: 0 };
  const needed = moreThanHalf(voters.entitled);
  const quorum = voters.entitled > 0 && voters.present >= needed;

  const columns: TableColumnsType<MeetingVote> = [
    { key: 'position', title: '#', width: 48, render: (_, v) => v.position },
    { key: 'item', title: t('meetings.vote.item'), render: (_, v) => v.subject ? `${v.item}（${v.subject.name}）` : v.item },
    { key: 'turnout', title: t('meetings.vote.turnout'), width: 150, render: (_, v) => t('meetings.vote.turnoutText', { present: v.present, entitled: v.entitled }) },
    { key: 'tally', title: t('meetings.vote.tally'), width: 200, render: (_, v) => t('meetings.vote.tallyText', { yes: v.yes, no: v.no, abstain: v.abstain }) },
    {
      key: 'result', title: t('meetings.vote.result'), width: 110,
      render: (_, v) => !v.quorumMet ? <Tag>{t('meetings.vote.noQuorum')}</Tag> : v.passed ? <Tag color="green">{t('meetings.vote.passed')}</Tag> : <Tag color="red">{t('meetings.vote.failed')}</Tag>,
    },
  ];

  return (
    <Flex vertical gap={16}>
      <Alert
        type={quorum ? 'info' : 'warning'}
        showIcon
        title={t('meetings.vote.rule', { entitled: voters.entitled, needed, present: voters.present })}
        description={
          <>
            <div>{quorum ? t('meetings.vote.quorumMet') : t('meetings.vote.quorumNotMet', { needed })}</div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('meetings.vote.citation', { citation: VOTE_RULE_CITATION })}</Typography.Text>
          </>
        }
      />
      <Table<MeetingVote> rowKey="id" size="small" columns={columns} dataSource={m.votes} pagination={false} locale={{ emptyText: t('meetings.vote.empty') }} />
      {/* Confirmed minutes close the record: the server refuses new votes then, so no form is offered. */}
      {m.abilities.canVote && m.minutesState !== 'confirmed' ? <VoteForm meeting={m} /> : null}
    </Flex>
  );
}

function VoteForm({ meeting: m }: { meeting: MeetingDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<VoteValues>();
  const record = useRecordVote(m.id);
  const errors = useServerErrors(form);
  const yes = Form.useWatch('yes', form) ?? 0;
  const no = Form.useWatch('no', form) ?? 0;
  const abstain = Form.useWatch('abstain', form) ?? 0;
  const voters = m.voters ?? { entitled: 0, present: 0 };
  const preview = voteOutcome({ ...voters, yes, no, abstain });

  const handleFinish = (v: VoteValues) => {
    errors.clear();
    record.mutate({ item: v.item.trim(), subjectMemberId: v.subjectMemberId ?? null, yes: v.yes, no: v.no, abstain: v.abstain }, {
      onSuccess: () => {
        message.success(t('meetings.vote.recorded'));
        form.resetFields();
      },
      onError: errors.handle,
    });
  };

  return (
    <Form<VoteValues> form={form} layout="vertical" onFinish={handleFinish} initialValues={{ item: '', yes: 0, no: 0, abstain: 0 }}>
      <Typography.Title level={5}>{t('meetings.vote.add')}</Typography.Title>
      {errors.alert}
      <Row gutter={16}>
        <Col xs={24} md={14}>
          <Form.Item name="item" label={t('meetings.vote.item')} rules={[{ required: true, whitespace: true, message: t('meetings.vote.itemRequired') }, { max: 200 }]}>
            <Input maxLength={200} placeholder={t('meetings.vote.itemPlaceholder')} />
          </Form.Item>
        </Col>
        <Col xs={24} md={10}>
          <Form.Item name="subjectMemberId" label={t('meetings.vote.subject')} extra={t('meetings.vote.subjectHint')}>
            <OrgMemberSelect orgId={m.orgId} />
          </Form.Item>
        </Col>
      </Row>
      <Flex gap={16} wrap>
        {(['yes', 'no', 'abstain'] as const).map((k) => (
          <Form.Item key={k} name={k} label={t(`meetings.vote.${k}`)} rules={[{ required: true, message: t('meetings.vote.countRequired') }]}>
            <InputNumber min={0} max={10000} precision={0} style={{ width: 120 }} />
          </Form.Item>
        ))}
      </Flex>
      <Typography.Paragraph type={preview.passed ? 'success' : 'secondary'}>
        {!preview.quorumMet ? t('meetings.vote.previewNoQuorum', { needed: preview.quorumNeeded })
          : preview.passed ? t('meetings.vote.previewPassed', { yes, needed: preview.yesNeeded })
            : t('meetings.vote.previewFailed', { yes, needed: preview.yesNeeded })}
      </Typography.Paragraph>
      <Button type="primary" htmlType="submit" loading={record.isPending}>{t('meetings.vote.submit')}</Button>
    </Form>
  );
}
