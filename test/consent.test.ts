import { describe, expect, it } from 'vitest';
import { applyGpc, consentFromTcf } from '../src/core/consent';

describe('consentFromTcf', () => {
  const loaded = (consents: Record<string, boolean>) => ({ gdprApplies: true, eventStatus: 'tcloaded', purpose: { consents } });
  it('grants only with purposes 1, 5 and 6', () => {
    expect(consentFromTcf(loaded({ 1: true, 5: true, 6: true }), true)).toBe('granted');
    expect(consentFromTcf(loaded({ 1: true, 5: true }), true)).toBe('denied');
    expect(consentFromTcf(loaded({}), true)).toBe('denied');
  });
  it('stays pending until the shopper has answered', () => {
    expect(consentFromTcf({ gdprApplies: true, eventStatus: 'cmpuishown', purpose: { consents: { 1: true, 5: true, 6: true } } }, true)).toBe('pending');
    expect(consentFromTcf(undefined, false)).toBe('pending');
  });
  it('grants where GDPR does not apply, denies on a CMP error', () => {
    expect(consentFromTcf({ gdprApplies: false }, true)).toBe('granted');
    expect(consentFromTcf({ cmpStatus: 'error' }, true)).toBe('denied');
  });
});

describe('applyGpc', () => {
  it('denies when the merchant honours GPC and the browser sends it', () => {
    expect(applyGpc('granted', true, true)).toBe('denied');
    expect(applyGpc('granted', false, true)).toBe('granted');
    expect(applyGpc('pending', true, undefined)).toBe('pending');
  });
});
