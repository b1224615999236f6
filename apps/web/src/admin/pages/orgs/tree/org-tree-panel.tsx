import { useDeferredValue, useEffect, useMemo, useState } from 'react';
import { Checkbox, Empty, Flex, Input, Tag, Tree, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { OrgNode } from '../../../../api/types';
import { ancestorIds, indexOrgs, searchOrgs, toTreeData, type OrgTreeData } from '../../../components/org-tree';

interface OrgTreePanelProps {
  nodes: readonly OrgNode[];
  selectedId?: number;
  onSelect: (id: number) => void;
}

function Highlight({ text, needle }: { text: string; needle: string }) {
  const at = needle ? text.toLowerCase().indexOf(needle.toLowerCase()) : -1;
  if (at < 0) return <>{text}</>;
  return (
    <>
      {text.slice(0, at)}
      <span className="hy-match">{text.slice(at, at + needle.length)}</span>
      {text.slice(at + needle.length)}
    </>
  );
}

function useTreeHeight(): number {
  const [height, setHeight] = useState(() => Math.max(320, window.innerHeight - 260));
  useEffect(() => {
    const handleResize = () => setHeight(Math.max(320, window.innerHeight - 260));
    window.addEventListener('resize', handleResize);
    return () => window.removeEventListener('resize', handleResize);
  }, []);
  return height;
}

/** A virtualised tree (≈1,500 nodes at city scale) with a search that expands the matches. */
export function OrgTreePanel({ nodes, selectedId, onSelect }: OrgTreePanelProps) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [showAbolished, setShowAbolished] = useState(false);
  const needle = useDeferredValue(search.trim());
  const height = useTreeHeight();

  const index = useMemo(() => indexOrgs(showAbolished ? nodes : nodes.filter((n) => !n.abolished)), [nodes, showAbolished]);
  const found = useMemo(() => (needle ? searchOrgs(index, needle) : null), [index, needle]);
  const data = useMemo(() => toTreeData(index, { visible: found?.visible }), [index, found]);

  const [expanded, setExpanded] = useState<number[]>([]);
  useEffect(() => {
    if (found) setExpanded(found.expanded);
  }, [found]);
  useEffect(() => {
    // Open the roots and the way to the chosen organisation.
    const way = selectedId !== undefined ? ancestorIds(index, selectedId) : [];
    setExpanded((prev) => [...new Set([...prev, ...index.roots.map((r) => r.id), ...way])]);
  }, [index, selectedId]);

  return (
    <Flex vertical gap={8}>
      <Input.Search
        allowClear
        aria-label={t('org.tree.search')}
        placeholder={t('org.tree.searchPlaceholder')}
        value={search}
        onChange={(e) => setSearch(e.target.value)}
      />
      <Flex justify="space-between" align="center">
        <Checkbox checked={showAbolished} onChange={(e) => setShowAbolished(e.target.checked)}>
          {t('org.tree.showAbolished')}
        </Checkbox>
        {found ? <Typography.Text type="secondary">{t('org.tree.matches', { count: found.matches.length })}</Typography.Text> : null}
      </Flex>
      {data.length === 0 ? (
        <Empty description={t('org.tree.noMatch')} />
      ) : (
        <Tree<OrgTreeData>
          treeData={data}
          height={height}
          blockNode
          showLine
          expandedKeys={expanded}
          onExpand={(keys) => setExpanded(keys.map(Number))}
          selectedKeys={selectedId !== undefined ? [selectedId] : []}
          onSelect={(keys) => {
            const id = keys[0];
            if (id !== undefined) onSelect(Number(id));
          }}
          titleRender={(item) => (
            <span title={item.node.name}>
              <Highlight text={item.node.name} needle={needle} />
              <Typography.Text type="secondary" style={{ fontSize: 12, marginLeft: 6 }}>{item.node.memberCount}</Typography.Text>
              {item.node.abolished ? <Tag style={{ marginLeft: 6 }}>{t('org.abolished')}</Tag> : null}
            </span>
          )}
        />
      )}
    </Flex>
  );
}
