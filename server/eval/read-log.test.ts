import { describe, expect, it } from 'vitest';
import { detectFormat, parseLog } from './read-log';

describe('parseLog', () => {
  it('reads the Diginetica layout: date + timeframe ms, and a last line without a newline', () => {
    const text = 'session_id;user_id;item_id;timeframe;eventdate\n1;NA;81766;526309;2016-05-09\n1;NA;31331;1031018;2016-05-09';
    expect(detectFormat('x.csv', text.split('\n')[0]!)).toBe('diginetica');
    const r = parseLog(text, { format: 'diginetica' });
    expect(r.session).toEqual(['1', '1']);
    expect(r.item).toEqual(['81766', '31331']);
    expect(r.time[0]).toBe(Date.parse('2016-05-09T00:00:00Z') + 526309);
    expect(r.time[1]! - r.time[0]!).toBe(1031018 - 526309);
  });
  it('reads SessionId/ItemId/Time TSV with seconds, CRLF and a trailing newline', () => {
    const text = 'SessionId\tItemId\tTime\r\n1\t214536502\t1396860669.277\r\n1\t214536506\t1396860886.998\r\n';
    expect(detectFormat('a.txt', text.split('\n')[0]!)).toBe('tsv');
    const r = parseLog(text, { format: 'tsv' });
    expect(r.item).toEqual(['214536502', '214536506']);
    expect(r.time[0]).toBeCloseTo(1396860669277, 0);
  });
  it('reads CSV with custom column names, order and separator flags', () => {
    const text = 'ts|item|sess\n5|b|s1\n3|a|s1\n';
    const r = parseLog(text, { format: 'csv', sep: '|', sessionCol: 'sess', itemCol: 'item', timeCol: 'ts', timeUnit: 'ms' });
    expect(r.session).toEqual(['s1', 's1']);
    expect(Array.from(r.time)).toEqual([5, 3]);
  });
  it('names the missing column and the bad line', () => {
    expect(() => parseLog('a,b\n1,2\n', { format: 'csv' })).toThrow(/column "SessionId" not found/);
    expect(() => parseLog('SessionId,ItemId,Time\n1,2,x\n', { format: 'csv' })).toThrow(/line 2: bad time/);
  });
});
