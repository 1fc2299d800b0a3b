import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  amazonInCategory, CATEGORY_LABELS, CLINC_SUPPORT, CLINC_TRAVEL, clincCategory, MULTI_DOMAIN_CATEGORY, ONLINE_SHOPPING_CATEGORY,
  parseCategory, parseSentiment, PRICERUNNER_CATEGORY, SENTIMENT_LABELS,
} from './taxonomy';

const DOMAINS = new URL('../../../../shared/data/clinc150/domains.json', import.meta.url);

describe('taxonomy', () => {
  it('is the label space of models/taxonomy.json', () => {
    const json = JSON.parse(readFileSync(new URL('../../../models/taxonomy.json', import.meta.url), 'utf8')) as { category: string[]; sentiment: string[] };
    expect(json.category).toEqual([...CATEGORY_LABELS]);
    expect(json.sentiment).toEqual([...SENTIMENT_LABELS]);
  });
  it('maps every native category of the data sets into it', () => {
    for (const table of [ONLINE_SHOPPING_CATEGORY, MULTI_DOMAIN_CATEGORY, PRICERUNNER_CATEGORY]) {
      for (const label of Object.values(table)) expect(CATEGORY_LABELS).toContain(label);
    }
    expect(Object.keys(ONLINE_SHOPPING_CATEGORY)).toHaveLength(10);
    expect(Object.keys(PRICERUNNER_CATEGORY)).toHaveLength(10);
    expect(ONLINE_SHOPPING_CATEGORY['酒店']).toBe('travel');
  });
  it('maps amazon-in-products by main and sub category, dropping what fits nowhere', () => {
    expect(amazonInCategory('Electronics', 'Smartphones')).toBe('phones');
    expect(amazonInCategory('Electronics', 'BasicMobiles')).toBe('phones');
    expect(amazonInCategory('Electronics', 'In-Ear')).toBe('electronics');
    expect(amazonInCategory('Computers&Accessories', 'USBCables')).toBe('computers');
    expect(amazonInCategory('Home&Kitchen', 'ElectricKettles')).toBe('home_kitchen');
    expect(amazonInCategory('Home&Kitchen', 'Pens')).toBeNull();
    expect(amazonInCategory('Health&PersonalCare', 'DigitalBathroomScales')).toBe('beauty_personal_care');
    expect(amazonInCategory('OfficeProducts', 'FountainPens')).toBeNull();
  });
  it('maps clinc150 intents to travel, support or other', () => {
    expect(clincCategory('book_hotel')).toBe('travel');
    expect(clincCategory('order_status')).toBe('support');
    expect(clincCategory('card_declined')).toBe('support');
    expect(clincCategory('interest_rate')).toBe('other');
    expect(clincCategory('oos')).toBe('other');
  });
  it.skipIf(!existsSync(DOMAINS))('names only intents clinc150 has (needs ../shared/data)', () => {
    const intents = new Set(Object.values(JSON.parse(readFileSync(DOMAINS, 'utf8')) as Record<string, string[]>).flat());
    for (const intent of [...CLINC_TRAVEL, ...CLINC_SUPPORT]) expect(intents.has(intent), intent).toBe(true);
  });
  it('parses labels', () => {
    expect(['1', '0', 'Positive', ' neg ', 'x'].map(parseSentiment)).toEqual(['positive', 'negative', 'positive', 'negative', null]);
    expect(['Phones', 'home_kitchen', 'kitchen'].map(parseCategory)).toEqual(['phones', 'home_kitchen', null]);
  });
});
