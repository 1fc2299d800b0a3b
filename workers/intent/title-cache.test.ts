import { describe, expect, it } from 'vitest';
import type { Classification } from '../../src/core/text/heads';
import { TitleCache } from './title-cache';

const c = (label: string): Classification => ({ category: { label, score: 1, probs: { [label]: 1 } } });

describe('TitleCache', () => {
  it('hits by id and title, misses when the title changed', () => {
    const cache = new TitleCache();
    cache.set('a', 'Wireless earbuds', c('electronics'));
    expect(cache.get('a', 'Wireless earbuds')).toEqual(c('electronics'));
    expect(cache.get('a', 'Cookbook')).toBeUndefined();
    expect(cache.get('b', 'Wireless earbuds')).toBeUndefined();
  });

  it('evicts the least recently used entry beyond its bound', () => {
    const cache = new TitleCache(2);
    cache.set('a', 'A', c('x'));
    cache.set('b', 'B', c('y'));
    cache.get('a', 'A'); // a is now the most recent
    cache.set('c', 'C', c('z'));
    expect(cache.size).toBe(2);
    expect(cache.get('b', 'B')).toBeUndefined();
    expect(cache.get('a', 'A')).toBeDefined();
  });
});
