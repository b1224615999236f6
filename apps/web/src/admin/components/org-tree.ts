import type { OrgNode } from '../../api/types';

export interface OrgIndex {
  byId: Map<number, OrgNode>;
  children: Map<number | null, OrgNode[]>;
  roots: OrgNode[];
}

/** Indexes the flat, parents-first node list; nodes whose parent is out of scope become roots. */
export function indexOrgs(nodes: readonly OrgNode[]): OrgIndex {
  const byId = new Map<number, OrgNode>();
  for (const node of nodes) byId.set(node.id, node);
  const children = new Map<number | null, OrgNode[]>();
  const roots: OrgNode[] = [];
  for (const node of nodes) {
    const parent = node.parentId !== null && byId.has(node.parentId) ? node.parentId : null;
    if (parent === null) roots.push(node);
    const list = children.get(parent);
    if (list) list.push(node);
    else children.set(parent, [node]);
  }
  return { byId, children, roots };
}

/** The ids of a node and every node below it. */
export function subtreeIds(index: OrgIndex, id: number): Set<number> {
  const out = new Set<number>();
  const stack = [id];
  while (stack.length) {
    const current = stack.pop() as number; // length checked above
    out.add(current);
    for (const child of index.children.get(current) ?? []) stack.push(child.id);
  }
  return out;
}

/** Ancestor ids of a node, nearest first. */
export function ancestorIds(index: OrgIndex, id: number): number[] {
  const out: number[] = [];
  let current = index.byId.get(id)?.parentId ?? null;
  while (current !== null && index.byId.has(current)) {
    out.push(current);
    current = index.byId.get(current)?.parentId ?? null;
  }
  return out;
}

export function matchesOrg(node: OrgNode, needle: string): boolean {
  const q = needle.trim().toLowerCase();
  if (!q) return true;
  return node.name.toLowerCase().includes(q) || (node.shortName ?? '').toLowerCase().includes(q) || node.code.toLowerCase().includes(q);
}

export interface OrgTreeData {
  key: number;
  value: number;
  title: string;
  node: OrgNode;
  disabled?: boolean;
  children?: OrgTreeData[];
  isLeaf?: boolean;
}

/**
 * antd tree data for the index; `visible` limits it to a set of ids (search), `disabled`
 * greys out nodes that cannot be chosen.
 */
export function toTreeData(index: OrgIndex, options: { visible?: Set<number>; disabled?: (node: OrgNode) => boolean } = {}): OrgTreeData[] {
  const build = (list: readonly OrgNode[]): OrgTreeData[] =>
    list
      .filter((n) => !options.visible || options.visible.has(n.id))
      .map((node) => {
        const kids = index.children.get(node.id) ?? [];
        const children = kids.length ? build(kids) : undefined;
        return {
          key: node.id,
          value: node.id,
          title: node.name,
          node,
          disabled: options.disabled?.(node) ?? false,
          children: children?.length ? children : undefined,
          isLeaf: !children?.length,
        };
      });
  return build(index.roots);
}

/** Ids of matching nodes plus their ancestors, for a filtered tree. */
export function searchOrgs(index: OrgIndex, needle: string): { visible: Set<number>; matches: number[]; expanded: number[] } {
  const matches: number[] = [];
  const visible = new Set<number>();
  const expanded = new Set<number>();
  for (const node of index.byId.values()) {
    if (!matchesOrg(node, needle)) continue;
    matches.push(node.id);
    visible.add(node.id);
    for (const a of ancestorIds(index, node.id)) {
      visible.add(a);
      expanded.add(a);
    }
  }
  return { visible, matches, expanded: [...expanded] };
}
