/**
 * Browser entry of the markup property tests (bundled on the fly by markup.spec.ts): fast-check
 * properties of the markup reader (src/dom/markup.ts) and of reordering (placement + apply-order),
 * run against real DOM built from generated markup. `window.markupProperties(seed, runs)` returns
 * the failures (empty when every property held).
 */
import fc from 'fast-check';
import { placeAroundLocked } from '../../src/core/placement';
import { isValidId } from '../../src/core/protocol';
import { applyOrder } from '../../src/dom/apply-order';
import { ATTR, readWidget } from '../../src/dom/markup';

/** Strings that look like markup or script: item data must stay text. */
const HOSTILE = [
  '<script>window.__pwned=1</script>',
  '<img src=x onerror="window.__pwned=1">',
  '"><svg onload=window.__pwned=1>',
  "'; window.__pwned=1; '",
  '&lt;b&gt;&amp;',
  'javascript:window.__pwned=1',
];
const ODD_NUMBERS = ['1,099', ' 12 ', '-5', 'NaN', '1e3', '0x10', 'Infinity', '', '3.5', '1_000', '٣', '12abc', '0'];

const text = fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom(...HOSTILE), fc.string({ unit: 'grapheme', maxLength: 20 }));
/** A small id pool makes duplicates likely; the rest are arbitrary, hostile or too long. */
const id = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('a1', 'B07JW9H4J1', 'x.y:z-1', 'sku_9', 'p2') },
  { weight: 1, arbitrary: text },
  { weight: 1, arbitrary: fc.string({ minLength: 65, maxLength: 80, unit: fc.constantFrom('a', 'b', '1') }) },
);
const numberAttr = fc.option(fc.oneof(fc.constantFrom(...ODD_NUMBERS), fc.double().map(String), fc.integer().map(String), text), { nil: undefined });

interface TileSpec {
  id: string | undefined;
  category: string | undefined;
  price: string | undefined;
  listPrice: string | undefined;
  stock: string | undefined;
  pinned: string | undefined;
  title: string | undefined;
  heading: string | undefined;
}
const tile: fc.Arbitrary<TileSpec> = fc.record({
  id: fc.option(id, { nil: undefined, freq: 10 }),
  category: fc.option(text, { nil: undefined }),
  price: numberAttr,
  listPrice: numberAttr,
  stock: numberAttr,
  pinned: fc.option(fc.constantFrom('', 'false', 'true', '1'), { nil: undefined, freq: 2 }),
  title: fc.option(text, { nil: undefined, freq: 3 }),
  heading: fc.option(text, { nil: undefined }),
});
/** The widget's children: tiles, wrappers of tiles (a grid's rows), nested widgets (tiles not ours), stray text. */
type Child = { kind: 'tile'; tile: TileSpec } | { kind: 'wrapper'; tiles: TileSpec[] } | { kind: 'nested'; tiles: TileSpec[] } | { kind: 'text'; text: string };
const child: fc.Arbitrary<Child> = fc.oneof(
  { weight: 6, arbitrary: tile.map((t) => ({ kind: 'tile' as const, tile: t })) },
  { weight: 2, arbitrary: fc.array(tile, { maxLength: 4 }).map((tiles) => ({ kind: 'wrapper' as const, tiles })) },
  { weight: 1, arbitrary: fc.array(tile, { maxLength: 3 }).map((tiles) => ({ kind: 'nested' as const, tiles })) },
  { weight: 1, arbitrary: text.map((t) => ({ kind: 'text' as const, text: t })) },
);
const widgetSpec = fc.array(child, { maxLength: 14 });

function tileElement(t: TileSpec): HTMLElement {
  const el = document.createElement('article');
  const set = (name: string, v: string | undefined) => { if (v !== undefined) el.setAttribute(name, v); };
  set(ATTR.item, t.id);
  set(ATTR.category, t.category);
  set(ATTR.price, t.price);
  set(ATTR.listPrice, t.listPrice);
  set(ATTR.stock, t.stock);
  set(ATTR.pinned, t.pinned);
  set(ATTR.title, t.title);
  if (t.heading !== undefined) {
    const h = document.createElement('h3');
    h.textContent = t.heading;
    el.append(h);
  }
  return el;
}

/** Builds the widget with DOM calls (never from an HTML string); returns it and our tiles' specs in document order. */
function build(spec: Child[]): { widget: HTMLElement; ours: TileSpec[] } {
  const widget = document.createElement('section');
  widget.setAttribute(ATTR.widget, 'deals');
  const ours: TileSpec[] = [];
  for (const c of spec) {
    if (c.kind === 'tile') {
      widget.append(tileElement(c.tile));
      ours.push(c.tile);
    } else if (c.kind === 'text') widget.append(c.text);
    else {
      const box = document.createElement('div');
      if (c.kind === 'nested') box.setAttribute(ATTR.widget, 'inner');
      for (const t of c.tiles) box.append(tileElement(t));
      widget.append(box);
      if (c.kind === 'wrapper') ours.push(...c.tiles);
    }
  }
  document.body.replaceChildren(widget);
  return { widget, ours };
}

const w = window as unknown as { __pwned?: number };
const expectThat = (ok: boolean, what: string) => { if (!ok) throw new Error(what); };
const count = (root: Node, type: number) => {
  let n = 0;
  const walker = document.createTreeWalker(root, type === Node.ELEMENT_NODE ? NodeFilter.SHOW_ELEMENT : NodeFilter.SHOW_COMMENT);
  while (walker.nextNode()) n++;
  return n;
};

/** Reading: never throws, only valid items, fields parsed or reported, data kept as text. */
const readProperty = fc.property(widgetSpec, (spec) => {
  const { widget, ours } = build(spec);
  const elementsBefore = count(widget, Node.ELEMENT_NODE);
  const read = readWidget(widget);
  expectThat(read.tiles.length === read.elements.length, 'tiles and elements differ in length');
  const expected = ours.filter((t) => isValidId(t.id?.trim()));
  expectThat(read.tiles.length === expected.length, `read ${read.tiles.length} tiles, expected ${expected.length}`);
  // Elements without the attribute are not tiles; tiles with an invalid id are each reported.
  expectThat(read.errors.length >= ours.filter((t) => t.id !== undefined).length - expected.length, 'a tile without a valid id was not reported');
  read.tiles.forEach((t, i) => {
    const el = read.elements[i]!;
    expectThat(el.parentElement?.closest(`[${ATTR.widget}]`) === widget, 'a nested widget\'s tile was read as ours');
    expectThat(isValidId(t.id) && t.id === el.getAttribute(ATTR.item)!.trim(), `invalid or altered id ${JSON.stringify(t.id)}`);
    for (const v of [t.price, t.listPrice, t.stock]) expectThat(v === undefined || (Number.isFinite(v) && v >= 0), `bad number ${v}`);
    expectThat(t.stock === undefined || Number.isInteger(t.stock), 'fractional stock');
    expectThat(t.pinned === (expected[i]!.pinned !== undefined && expected[i]!.pinned !== 'false'), 'pinned misread');
    // Text exactly as given (trimmed, capped), never parsed as markup.
    const cat = expected[i]!.category?.trim().slice(0, 100) || undefined;
    expectThat(t.category === cat, `category ${JSON.stringify(t.category)} is not the attribute text ${JSON.stringify(cat)}`);
    const title = (expected[i]!.title ?? expected[i]!.heading ?? '').trim().slice(0, 300) || undefined;
    expectThat(t.title === title, `title ${JSON.stringify(t.title)} is not the text ${JSON.stringify(title)}`);
  });
  for (const e of read.errors) expectThat(typeof e === 'string' && e.length > 0 && e.length < 400, 'an error is not a short message');
  expectThat(count(widget, Node.ELEMENT_NODE) === elementsBefore, 'reading created or removed elements');
  expectThat(w.__pwned === undefined, 'item data ran as script');
});

/** Reordering: any ranking keeps the tile set a permutation, locked (pinned, seen) tiles in their slot. */
const reorderProperty = fc.property(
  widgetSpec,
  fc.array(fc.double({ noNaN: true }), { minLength: 1, maxLength: 40 }),
  fc.array(fc.boolean(), { minLength: 1, maxLength: 40 }),
  fc.constantFrom('dom' as const, 'css' as const),
  (spec, keys, seen, mode) => {
    const { widget } = build(spec);
    const { tiles, elements } = readWidget(widget);
    const ids = tiles.map((t) => t.id);
    const locked = new Set(ids.filter((_id, i) => tiles[i]!.pinned || seen[i % seen.length]!));
    const ranked = ids.map((x, i) => ({ x, k: keys[i % keys.length]! })).sort((a, b) => a.k - b.k).map((r) => r.x);
    const order = placeAroundLocked(ids, ranked, locked);
    expectThat([...order].sort().join('\n') === [...ids].sort().join('\n'), 'the order is not a permutation of the tiles');
    ids.forEach((x, i) => expectThat(!locked.has(x) || order[i] === x, `locked tile ${x} left slot ${i}`));
    const unique = new Set(ids).size === ids.length;
    const elementsBefore = count(widget, Node.ELEMENT_NODE);
    const commentsBefore = count(widget, Node.COMMENT_NODE);
    const moved = applyOrder(elements, ids, order, mode);
    expectThat(unique || moved === 0, 'tiles with a repeated id were moved');
    const after = readWidget(widget);
    expectThat(count(widget, Node.ELEMENT_NODE) === elementsBefore && count(widget, Node.COMMENT_NODE) === commentsBefore, 'elements or markers left over');
    expectThat(new Set(after.elements).size === elements.length && elements.every((el) => after.elements.includes(el)), 'the tile elements are not the same set');
    if (mode === 'dom' && unique) {
      expectThat(after.tiles.map((t) => t.id).join('\n') === order.join('\n'), 'the DOM is not in the applied order');
    }
    if (mode === 'css' && unique && elements.length) {
      order.forEach((x, slot) => expectThat(elements[ids.indexOf(x)]!.style.order === String(slot), `tile ${x} has CSS order ${elements[ids.indexOf(x)]!.style.order}, not ${slot}`));
    }
  },
);

function markupProperties(seed: number, numRuns: number): string[] {
  const failures: string[] = [];
  for (const [name, property] of [['read', readProperty], ['reorder', reorderProperty]] as const) {
    const out = fc.check(property as fc.IRawProperty<unknown, false>, { seed, numRuns }) as fc.RunDetails<unknown>;
    if (out.failed) failures.push(`${name}: ${out.errorInstance instanceof Error ? out.errorInstance.message : String(out.errorInstance)}; counterexample ${fc.stringify(out.counterexample)} (seed ${seed}, path ${out.counterexamplePath})`);
  }
  document.body.replaceChildren();
  return failures;
}

(window as unknown as { markupProperties: typeof markupProperties }).markupProperties = markupProperties;
