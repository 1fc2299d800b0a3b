/**
 * Where consent comes from on the page: the merchant's option, an IAB TCF v2 CMP (`__tcfapi`),
 * and the browser's Global Privacy Control signal.
 */
import { applyGpc, consentFromTcf, type ConsentState, type TcfData } from '../core/consent';
import type { ResolvedOptions } from '../core/options';

type TcfApi = (command: string, version: number, callback: (data: TcfData & { listenerId?: number }, success: boolean) => void, parameter?: unknown) => void;

const gpc = (): boolean | undefined => (navigator as Navigator & { globalPrivacyControl?: boolean }).globalPrivacyControl;

export function initialConsent(o: ResolvedOptions): ConsentState {
  return applyGpc(o.consent === 'tcf' ? 'pending' : o.consent, o.respectGpc, gpc());
}

export function withGpc(state: ConsentState, o: ResolvedOptions): ConsentState {
  return applyGpc(state, o.respectGpc, gpc());
}

/** Follows the CMP's answers when `consent: 'tcf'`; returns a function that stops listening. */
export function followTcf(o: ResolvedOptions, onChange: (state: ConsentState) => void): () => void {
  const api = (window as unknown as { __tcfapi?: TcfApi }).__tcfapi;
  if (o.consent !== 'tcf' || typeof api !== 'function') return () => undefined;
  let listenerId: number | undefined;
  try {
    api('addEventListener', 2, (data, success) => {
      if (data && typeof data.listenerId === 'number') listenerId = data.listenerId;
      onChange(withGpc(consentFromTcf(data, success), o));
    });
  } catch {
    return () => undefined; // a broken CMP leaves consent pending
  }
  return () => {
    if (listenerId !== undefined) try { api('removeEventListener', 2, () => undefined, listenerId); } catch { /* gone */ }
  };
}
