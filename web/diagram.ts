import type { GraphNode } from './api.js';
import { s } from './dom.js';

const W = 170;
const H = 40;
const GAP_X = 24;
const GAP_Y = 40;
const PAD = 12;

/**
 * A workflow graph (the model `catalyst-gen graph` prints as Mermaid) drawn as SVG, top down as `graph` draws it by
 * default (a deploy chain stays as wide as the page): each action in the row after its latest dependency, gates as hexagons, groups as dashed boxes around their actions, an
 * arrow from each dependency to what waits for it.
 */
export function drawWorkflow(graph: { nodes: readonly GraphNode[]; edges: readonly { from: string; to: string }[] }, title: string): SVGElement {
  const byName = new Map(graph.nodes.map((n) => [n.name, n]));
  const boxes = graph.nodes.filter((n) => n.kind !== 'group');
  // For the layout only: a group's dependencies hold for each of its actions, and a dependency on a group waits for
  // all of them, so each action lands below everything it waits for.
  const deps = (n: GraphNode): string[] => [...n.dependsOn, ...(n.group ? (byName.get(n.group)?.dependsOn ?? []) : [])].flatMap((d) => {
    const t = byName.get(d);
    return !t ? [] : t.kind === 'group' ? [...(t.members ?? [])] : [d];
  });
  const column = new Map<string, number>();
  const col = (n: GraphNode, seen: Set<string>): number => {
    const known = column.get(n.name);
    if (known !== undefined) return known;
    if (seen.has(n.name)) return 0; // a cycle: the validator reports it
    seen.add(n.name);
    const c = Math.max(-1, ...deps(n).map((d) => col(byName.get(d)!, seen))) + 1;
    column.set(n.name, c);
    return c;
  };
  for (const n of boxes) col(n, new Set());
  const rows = new Map<number, number>();
  const pos = new Map<string, { x: number; y: number }>();
  for (const n of boxes) {
    const c = column.get(n.name) ?? 0;
    const r = rows.get(c) ?? 0;
    rows.set(c, r + 1);
    pos.set(n.name, { x: PAD * 2 + r * (W + GAP_X), y: PAD * 2 + c * (H + GAP_Y) });
  }
  const width = Math.max(...[...pos.values()].map((p) => p.x + W), 0) + PAD * 2;
  const height = Math.max(...[...pos.values()].map((p) => p.y + H), 0) + PAD * 2;
  const svg = s('svg', { width, height, viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': title });
  svg.append(s('title', {}, title));
  svg.append(s('defs', {}, s('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 10, refY: 5, markerWidth: 6, markerHeight: 6, orient: 'auto-start-reverse' }, s('path', { d: 'M 0 0 L 10 5 L 0 10 z', fill: '#4a5568' }))));
  // Each box: an action's, or a group's around its actions; an edge joins the boxes `DependsOn` names, as `graph` does.
  const rects = new Map<string, { x: number; y: number; w: number; h: number }>();
  for (const [name, p] of pos) rects.set(name, { x: p.x, y: p.y, w: W, h: H });
  for (const g of graph.nodes.filter((n) => n.kind === 'group')) {
    const ps = (g.members ?? []).map((m) => pos.get(m)).filter((p): p is { x: number; y: number } => p !== undefined);
    if (ps.length === 0) continue;
    const x = Math.min(...ps.map((p) => p.x)) - PAD;
    const y = Math.min(...ps.map((p) => p.y)) - PAD;
    const w = Math.max(...ps.map((p) => p.x + W)) + PAD - x;
    const hh = Math.max(...ps.map((p) => p.y + H)) + PAD - y;
    rects.set(g.name, { x, y, w, h: hh });
    svg.append(s('g', { class: 'group-box', 'data-name': g.name }, s('rect', { class: 'grp', x, y, width: w, height: hh, rx: 6 }), s('text', { x: x + 4, y: y + 10, class: 'ident' }, g.name)));
  }
  for (const e of graph.edges) {
    const a = rects.get(e.from);
    const b = rects.get(e.to);
    if (!a || !b) continue;
    const x1 = a.x + a.w / 2;
    const y1 = a.y + a.h;
    const x2 = b.x + b.w / 2;
    const y2 = b.y;
    const mid = (y1 + y2) / 2;
    svg.append(s('path', { class: 'edge', d: `M ${x1} ${y1} C ${x1} ${mid}, ${x2} ${mid}, ${x2} ${y2}`, 'marker-end': 'url(#arrow)' }));
  }
  for (const n of boxes) {
    const p = pos.get(n.name)!;
    const shape =
      n.kind === 'gate'
        ? s('polygon', { points: [[p.x + 12, p.y], [p.x + W - 12, p.y], [p.x + W, p.y + H / 2], [p.x + W - 12, p.y + H], [p.x + 12, p.y + H], [p.x, p.y + H / 2]].map((q) => q.join(',')).join(' ') })
        : s('rect', { x: p.x, y: p.y, width: W, height: H, rx: 4 });
    svg.append(
      s(
        'g',
        { class: `node ${n.kind}`, 'data-name': n.name },
        shape,
        s('text', { x: p.x + W / 2, y: p.y + (n.identifier ? 17 : 24), 'text-anchor': 'middle' }, clip(n.name, 26)),
        ...(n.identifier ? [s('text', { x: p.x + W / 2, y: p.y + 31, 'text-anchor': 'middle', class: 'ident' }, clip(n.identifier, 32))] : []),
      ),
    );
  }
  return svg;
}

function clip(t: string, n: number): string {
  return t.length > n ? `${t.slice(0, n - 1)}…` : t;
}
