import { describe, expect, it } from 'vitest';
import { defaultSeparator, parseDelimited, splitFirst, unquoteWhole } from './csv';

describe('lenient CSV', () => {
  it('parses quoted fields with separators, doubled quotes and line breaks', () => {
    const recs = parseDelimited('a,"b, c","say ""hi""",d\r\n"multi\nline",x\n', ',');
    expect(recs.map((r) => r.fields)).toEqual([['a', 'b, c', 'say "hi"', 'd'], ['multi\nline', 'x']]);
    expect(recs[0]!.raw).toBe('a,"b, c","say ""hi""",d');
    expect(recs[1]!.raw).toBe('"multi\nline",x');
  });
  it('keeps quotes inside unquoted fields literal (pricerunner: 55" tv)', () => {
    expect(parseDelimited('1,loewe 55" tv,2\n2,"a"b,3', ',').map((r) => r.fields)).toEqual([['1', 'loewe 55" tv', '2'], ['2', 'ab', '3']]);
  });
  it('treats a quote that never closes as literal to the end of its line', () => {
    expect(parseDelimited('"open,x\ny,z', ',').map((r) => r.fields)).toEqual([['"open,x'], ['y', 'z']]);
  });
  it('skips blank lines, handles a missing final newline and tabs', () => {
    expect(parseDelimited('\n\na\tb\n\nc\td', '\t').map((r) => r.fields)).toEqual([['a', 'b'], ['c', 'd']]);
    expect(parseDelimited('', ',')).toEqual([]);
    expect(defaultSeparator('x.tsv')).toBe('\t');
    expect(defaultSeparator('x.csv')).toBe(',');
  });
  it('splits on the first separators only, unquoting a wholly quoted rest', () => {
    expect(splitFirst('书籍,1,好,很好,非常好', ',', 3)).toEqual(['书籍', '1', '好,很好,非常好']);
    expect(splitFirst('1,"送餐快,态度好"', ',', 2)).toEqual(['1', '送餐快,态度好']);
    expect(splitFirst('1,"a" and "b"', ',', 2)).toEqual(['1', '"a" and "b"']);
    expect(splitFirst('no-separator', ',', 2)).toBeNull();
    expect(unquoteWhole('"x ""y"""')).toBe('x "y"');
    expect(unquoteWhole('"')).toBe('"');
  });
});
