/**
 * A framework-style page: the app owns its state and re-renders the grid from it. reshelf never
 * touches this DOM; the app asks `rank()` for an order and sorts its own state.
 * (In React: `const { order } = await reshelf.rank(tiles); setItems(sortBy(items, order))`.)
 */
import { createReshelf, type Tile } from '../../src/index';

interface Product { id: string; title: string; category: string; price: number; listPrice: number; stock: number; pinned?: number }

const reshelf = createReshelf({ campaign: 'flash-sale', workerUrl: '/reshelf/reshelf-worker.js', reorder: 'none', holdout: 0 });
const grid = document.querySelector<HTMLElement>('#grid')!;
const status = document.querySelector<HTMLElement>('#status')!;
let items: Product[] = [];

const toTile = (p: Product, i: number): Tile => ({ id: p.id, category: p.category, price: p.price, listPrice: p.listPrice, stock: p.stock, pinned: p.pinned === i });

function render(): void {
  // Built with DOM APIs only (no innerHTML): item data is never interpreted as HTML.
  grid.replaceChildren(
    ...items.map((p) => {
      const card = document.createElement('article');
      card.className = 'card';
      const title = document.createElement('h3');
      title.textContent = p.title;
      const meta = document.createElement('p');
      meta.textContent = `${p.category} · ₹${p.price.toLocaleString('en-IN')}${p.stock === 0 ? ' · sold out' : ''}`;
      const buy = document.createElement('button');
      buy.type = 'button';
      buy.textContent = 'Add to cart';
      buy.disabled = p.stock === 0;
      buy.addEventListener('click', () => {
        reshelf.track({ type: 'cart', itemId: p.id, category: p.category, price: p.price });
        void reorder();
      });
      card.append(title, meta, buy);
      return card;
    }),
  );
}

async function reorder(): Promise<void> {
  const result = await reshelf.rank(items.map(toTile), { widget: 'esm-grid' });
  const at = new Map(result.order.map((id, i) => [id, i]));
  items = [...items].sort((a, b) => (at.get(a.id) ?? 0) - (at.get(b.id) ?? 0));
  status.textContent = `Ranked ${items.length} items for this shopper.`;
  render();
}

async function main(): Promise<void> {
  const res = await fetch('/v1/campaigns/flash-sale');
  items = ((await res.json()) as { items: Product[] }).items;
  render();
  await reorder();
}

void main();
