// Roll-up of provinces that no longer exist (2025 mergers, Resolution 202/2025/QH15) into the
// provinces of today. Old records are never rewritten: a province that ceased to exist keeps its
// own id and points to the province it merged into (`successorId`); reports stay attached to the
// province that sent them, and history is rolled up at read time with these functions.

export type ProvinceNode = {
  code: string;
  id: string;
  validFrom: Date;
  /** Null while the province exists. */
  validTo: Date | null;
  /** The province it merged into; null while it exists (or if it ended without successor). */
  successorId: string | null;
};

type NodeIndex = ReadonlyMap<string, ProvinceNode>;

function indexNodes(nodes: readonly ProvinceNode[]): NodeIndex {
  const index = new Map<string, ProvinceNode>();
  for (const node of nodes) {
    if (index.has(node.id)) throw new Error(`Duplicate province id ${node.id}`);
    index.set(node.id, node);
  }
  return index;
}

function resolveSuccessor(id: string, index: NodeIndex): string {
  const seen = new Set<string>();
  let current = index.get(id);
  if (!current) throw new Error(`Unknown province id ${id}`);
  while (current.successorId !== null) {
    seen.add(current.id);
    if (seen.has(current.successorId)) {
      throw new Error(
        `Cycle in province successor links: ${[...seen, current.successorId].join(' → ')}`,
      );
    }
    const next = index.get(current.successorId);
    if (!next) {
      throw new Error(`Province ${current.id} has unknown successor ${current.successorId}`);
    }
    current = next;
  }
  return current.id;
}

/**
 * The id at the end of the successor chain: the province that `id` is part of today
 * (`id` itself when it was never merged). Throws on an unknown id, a dangling successor link,
 * or a cycle.
 */
export function currentSuccessor(id: string, nodes: readonly ProvinceNode[]): string {
  return resolveSuccessor(id, indexNodes(nodes));
}

/**
 * All provinces that merged, directly or through intermediate mergers, into `id`, excluding
 * `id` itself. Breadth first: direct predecessors first, each level in the order of `nodes`.
 * Throws on an unknown id or when the successor links lead back to `id` (a cycle).
 */
export function predecessorsOf(id: string, nodes: readonly ProvinceNode[]): string[] {
  const index = indexNodes(nodes);
  if (!index.has(id)) throw new Error(`Unknown province id ${id}`);
  const directPredecessors = new Map<string, string[]>();
  for (const node of nodes) {
    if (node.successorId === null) continue;
    const list = directPredecessors.get(node.successorId);
    if (list) list.push(node.id);
    else directPredecessors.set(node.successorId, [node.id]);
  }
  const result: string[] = [];
  const seen = new Set<string>([id]);
  let level = [id];
  while (level.length > 0) {
    const nextLevel: string[] = [];
    for (const parent of level) {
      for (const predecessor of directPredecessors.get(parent) ?? []) {
        if (seen.has(predecessor)) {
          throw new Error(`Cycle in province successor links through ${predecessor}`);
        }
        seen.add(predecessor);
        result.push(predecessor);
        nextLevel.push(predecessor);
      }
    }
    level = nextLevel;
  }
  return result;
}
