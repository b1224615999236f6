import { useMemo } from 'react';
import { TreeSelect } from 'antd';
import { useTranslation } from 'react-i18next';
import { useOrgTree } from '../../api/orgs';
import type { OrgNode } from '../../api/types';
import { indexOrgs, matchesOrg, toTreeData, type OrgTreeData } from './org-tree';

interface OrgTreeSelectProps {
  id?: string;
  value?: number | null;
  onChange?: (value: number | undefined) => void;
  placeholder?: string;
  allowClear?: boolean;
  /** Organisations that may not be chosen (still shown, greyed). */
  disabled?: (node: OrgNode) => boolean;
  /** Organisations left out entirely (e.g. a subtree being moved). */
  exclude?: ReadonlySet<number>;
  style?: React.CSSProperties;
  'aria-label'?: string;
}

/** Picks one organisation of the caller's scope from the tree, with search by name or code. */
export function OrgTreeSelect({ id, value, onChange, placeholder, allowClear = true, disabled, exclude, style, ...aria }: OrgTreeSelectProps) {
  const { t } = useTranslation();
  const tree = useOrgTree(false);
  const { data, expanded } = useMemo(() => {
    const nodes = (tree.data?.nodes ?? []).filter((n) => !exclude?.has(n.id));
    const index = indexOrgs(nodes);
    return { data: toTreeData(index, { disabled }), expanded: index.roots.map((r) => r.id) };
  }, [tree.data, exclude, disabled]);

  return (
    <TreeSelect<number | undefined, OrgTreeData>
      id={id}
      aria-label={aria['aria-label']}
      style={{ width: '100%', ...style }}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? undefined)}
      treeData={data}
      loading={tree.isLoading}
      placeholder={placeholder ?? t('org.select.placeholder')}
      allowClear={allowClear}
      showSearch={{ filterTreeNode: (input, node) => matchesOrg((node as OrgTreeData).node, input) }}
      treeDefaultExpandedKeys={expanded}
      popupMatchSelectWidth={false}
      styles={{ popup: { root: { maxWidth: 480 } } }}
      notFoundContent={tree.isError ? t('org.select.loadFailed') : t('common.noData')}
    />
  );
}
