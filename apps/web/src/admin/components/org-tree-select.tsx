import { useMemo, useState } from 'react';
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
  const [open, setOpen] = useState(false);
  const index = useMemo(() => indexOrgs((tree.data?.nodes ?? []).filter((n) => !exclude?.has(n.id))), [tree.data, exclude]);
  // ~1,500 nodes at city scale: build the full tree only while the list is open; closed, the
  // chosen node alone is enough for the label (a page may hold several of these pickers).
  const data = useMemo<OrgTreeData[]>(() => {
    if (open) return toTreeData(index, { disabled });
    const chosen = value ? index.byId.get(value) : undefined;
    return chosen ? [{ key: chosen.id, value: chosen.id, title: chosen.name, node: chosen, isLeaf: true }] : [];
  }, [open, index, disabled, value]);
  const expanded = useMemo(() => index.roots.map((r) => r.id), [index]);

  return (
    <TreeSelect<number | undefined, OrgTreeData>
      id={id}
      aria-label={aria['aria-label']}
      style={{ width: '100%', ...style }}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? undefined)}
      treeData={data}
      open={open}
      onOpenChange={setOpen}
      loading={tree.isLoading}
      placeholder={placeholder ?? t('org.select.placeholder')}
      allowClear={allowClear}
      // The tree's nodes are the OrgTreeData built above; rc-tree-select types them loosely.
      showSearch={{ filterTreeNode: (input, node) => matchesOrg((node as OrgTreeData).node, input) }}
      treeDefaultExpandedKeys={expanded}
      popupMatchSelectWidth={false}
      styles={{ popup: { root: { maxWidth: 480 } } }}
      notFoundContent={tree.isError ? t('org.select.loadFailed') : t('common.noData')}
    />
  );
}
