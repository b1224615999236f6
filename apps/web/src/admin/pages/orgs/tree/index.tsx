import { useEffect } from 'react';
import { Card, Col, Empty, Row } from 'antd';
import { useLocation, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useOrgTree } from '../../../../api/orgs';
import { PageHeader } from '../../../components/page-header';
import { QueryState } from '../../../components/page-state';
import { OrgDetailPanel } from './org-detail-panel';
import { OrgTreePanel } from './org-tree-panel';

/** Organisations: the tree of the caller's scope on the left, the chosen one on the right. */
export function OrgsPage() {
  const { t } = useTranslation();
  const params = useParams();
  const navigate = useNavigate();
  const tree = useOrgTree(true);
  const selected = params.orgId ? Number(params.orgId) : undefined;
  const firstId = tree.data?.nodes[0]?.id;

  const location = useLocation();
  // Open the first organisation only while the user is still on the bare /orgs address: a
  // menu click made before the tree loaded must win.
  useEffect(() => {
    if (selected === undefined && firstId !== undefined && location.pathname === '/orgs') navigate(`/orgs/${firstId}`, { replace: true });
  }, [selected, firstId, navigate, location.pathname]);

  return (
    <>
      <PageHeader title={t('org.page.title')} />
      <QueryState query={tree} empty={tree.data?.nodes.length === 0}>
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={8} xl={7}>
            <Card size="small" title={t('org.tree.title')} styles={{ body: { padding: 12 } }}>
              <OrgTreePanel nodes={tree.data?.nodes ?? []} selectedId={selected} onSelect={(id) => navigate(`/orgs/${id}`)} />
            </Card>
          </Col>
          <Col xs={24} lg={16} xl={17}>
            {selected !== undefined ? <OrgDetailPanel id={selected} /> : <Empty description={t('org.tree.pick')} />}
          </Col>
        </Row>
      </QueryState>
    </>
  );
}
