import { Button, Flex, Typography } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useCertificate } from '../../../api/learning';
import { QueryState } from '../../components/page-state';

// On paper only the certificate shows (the menu and header of the layout are hidden).
const PRINT_CSS = `
@media print {
  body * { visibility: hidden; }
  .hy-certificate, .hy-certificate * { visibility: visible; }
  .hy-certificate { position: absolute; inset: 0; margin: 0; border: none; }
  @page { size: A4 landscape; margin: 16mm; }
}`;

/** A completion certificate of a class, laid out for printing (A4 landscape). */
export function CertificatePrintPage() {
  const { t } = useTranslation();
  const params = useParams();
  const cert = useCertificate(Number(params.classId), Number(params.memberId));
  const c = cert.data;
  return (
    <QueryState query={cert}>
      <style>{PRINT_CSS}</style>
      <Flex justify="flex-end" style={{ marginBottom: 12 }}>
        <Button icon={<PrinterOutlined />} onClick={() => window.print()}>{t('learning.certificate.print')}</Button>
      </Flex>
      {c ? (
        <div className="hy-certificate" style={{ background: '#fff', border: '6px double #b8860b', padding: '48px 64px', maxWidth: 960, margin: '0 auto', textAlign: 'center' }}>
          <Typography.Title level={1} style={{ fontSize: 40, letterSpacing: 16, color: '#b71c1c' }}>{t('learning.certificate.heading')}</Typography.Title>
          <Typography.Paragraph style={{ fontSize: 20, lineHeight: 2.2, textAlign: 'left', textIndent: '2em', marginTop: 32 }}>
            {t('learning.certificate.body', { name: c.memberName, start: c.startsOn, end: c.endsOn, title: c.classTitle, hours: c.hours, required: c.requiredHours })}
          </Typography.Paragraph>
          <Flex justify="space-between" align="end" style={{ marginTop: 64, fontSize: 16 }}>
            <Typography.Text>{t('learning.certificate.number', { no: c.certificateNo })}</Typography.Text>
            <Flex vertical align="end">
              <Typography.Text style={{ fontSize: 18 }}>{c.issuingOrgName}</Typography.Text>
              <Typography.Text>{c.completedOn}</Typography.Text>
            </Flex>
          </Flex>
        </div>
      ) : null}
    </QueryState>
  );
}
