/**
 * The text model's label space (models/taxonomy.json, version 1) and how each data set's native
 * labels map into it. One category taxonomy serves Chinese and English; `support` and `other`
 * are the non-shopping labels. models/TAXONOMY.md explains every mapping below. Pure.
 */

export const CATEGORY_LABELS = [
  'phones', 'computers', 'electronics', 'home_kitchen', 'books_media', 'beauty_personal_care',
  'fashion', 'food_grocery', 'travel', 'support', 'other',
] as const;
export type CategoryLabel = (typeof CATEGORY_LABELS)[number];

export const SENTIMENT_LABELS = ['negative', 'positive'] as const;
export type SentimentLabel = (typeof SENTIMENT_LABELS)[number];

/** The two heads of the text model; each task is scored on its own head. */
export type TextTask = 'category' | 'sentiment';
export const TEXT_TASKS: readonly TextTask[] = ['category', 'sentiment'];

export const TASK_LABELS: Readonly<Record<TextTask, readonly string[]>> = { category: CATEGORY_LABELS, sentiment: SENTIMENT_LABELS };

export const isCategoryLabel = (s: string): s is CategoryLabel => (CATEGORY_LABELS as readonly string[]).includes(s);

/** `online-shopping-10-cats`: books, tablets, phones, fruit, shampoo, water heaters, Mengniu dairy, clothes, computers, hotels. */
export const ONLINE_SHOPPING_CATEGORY: Readonly<Record<string, CategoryLabel>> = {
  书籍: 'books_media', 平板: 'computers', 手机: 'phones', 水果: 'food_grocery', 洗发水: 'beauty_personal_care',
  热水器: 'home_kitchen', 蒙牛: 'food_grocery', 衣服: 'fashion', 计算机: 'computers', 酒店: 'travel',
};

/** `multi-domain-sentiment` folder names. */
export const MULTI_DOMAIN_CATEGORY: Readonly<Record<string, CategoryLabel>> = {
  books: 'books_media', dvd: 'books_media', electronics: 'electronics', kitchen: 'home_kitchen',
};

/** `pricerunner-product-titles` category_label. */
export const PRICERUNNER_CATEGORY: Readonly<Record<string, CategoryLabel>> = {
  'Mobile Phones': 'phones', CPUs: 'computers', TVs: 'electronics', 'Digital Cameras': 'electronics',
  Fridges: 'home_kitchen', Freezers: 'home_kitchen', 'Fridge Freezers': 'home_kitchen', Dishwashers: 'home_kitchen',
  'Washing Machines': 'home_kitchen', Microwaves: 'home_kitchen',
};

/** `amazon-in-products` sub-categories of Home&Kitchen that are stationery or craft supplies: dropped. */
const AMAZON_IN_DROPPED_HOME: ReadonlySet<string> = new Set(['Pens', 'Paints', 'PaintingMaterials', 'WoodenPencils', 'Tape']);
const AMAZON_IN_PHONES: ReadonlySet<string> = new Set(['Smartphones', 'BasicMobiles']);

/**
 * `amazon-in-products` by main_category + sub_category. Null: no taxonomy category fits
 * (office and craft supplies, toys, musical instruments, car and home-improvement parts).
 */
export function amazonInCategory(main: string, sub: string): CategoryLabel | null {
  switch (main) {
    case 'Electronics':
      return AMAZON_IN_PHONES.has(sub) ? 'phones' : 'electronics';
    case 'Computers&Accessories':
      return 'computers';
    case 'Home&Kitchen':
      return AMAZON_IN_DROPPED_HOME.has(sub) ? null : 'home_kitchen';
    case 'Health&PersonalCare':
      return 'beauty_personal_care';
    default:
      return null;
  }
}

/** clinc150 intents that book or plan a trip: a shopper looking for travel products. */
export const CLINC_TRAVEL: ReadonlySet<string> = new Set(['book_flight', 'book_hotel', 'car_rental', 'travel_suggestion']);

/**
 * clinc150 intents about an order, a payment or the card/account the shopper pays with: what a
 * shop's after-sales desk answers. Banking products and advice (interest rates, credit scores,
 * transfers, bills) are not about a purchase and stay `other`.
 */
export const CLINC_SUPPORT: ReadonlySet<string> = new Set([
  'order', 'order_status',
  'card_declined', 'transactions', 'spending_history', 'report_fraud', 'account_blocked', 'freeze_account', 'pin_change',
  'damaged_card', 'report_lost_card', 'replacement_card_duration', 'expiration_date', 'new_card',
  'redeem_rewards', 'rewards_balance',
]);

/** clinc150 intent (or `oos`) → travel, support, or other. */
export function clincCategory(intent: string): CategoryLabel {
  if (CLINC_TRAVEL.has(intent)) return 'travel';
  if (CLINC_SUPPORT.has(intent)) return 'support';
  return 'other';
}

/** 0/1 (the data sets' convention) or the label names, case-insensitive; null otherwise. */
export function parseSentiment(raw: string): SentimentLabel | null {
  const s = raw.trim().toLowerCase();
  if (s === '1' || s === 'positive' || s === 'pos') return 'positive';
  if (s === '0' || s === 'negative' || s === 'neg') return 'negative';
  return null;
}

/** A taxonomy category name, case-insensitive; null otherwise. */
export function parseCategory(raw: string): CategoryLabel | null {
  const s = raw.trim().toLowerCase();
  return isCategoryLabel(s) ? s : null;
}

/** Parses a label of the given task. */
export function parseTaskLabel(task: TextTask, raw: string): string | null {
  return task === 'category' ? parseCategory(raw) : parseSentiment(raw);
}
