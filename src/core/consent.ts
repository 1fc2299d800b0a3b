/**
 * Consent decisions, pure. reshelf stores and sends nothing unless consent is `granted`.
 * IAB TCF v2: reshelf stores a profile on the device (purpose 1), builds a profile to
 * personalise content (purpose 5) and uses it to select content (purpose 6).
 */
export type ConsentState = 'granted' | 'denied' | 'pending';

export const TCF_PURPOSES = [1, 5, 6] as const;

/** The parts of a TCF `tcData` object reshelf reads. */
export interface TcfData {
  gdprApplies?: boolean | undefined;
  eventStatus?: string | undefined;
  cmpStatus?: string | undefined;
  purpose?: { consents?: Record<string, boolean> | undefined } | undefined;
}

export function consentFromTcf(data: TcfData | null | undefined, success: boolean): ConsentState {
  if (!success || !data) return 'pending';
  if (data.cmpStatus === 'error') return 'denied';
  if (data.gdprApplies === false) return 'granted';
  // Until the shopper has answered (or the CMP loaded a stored answer) nothing is decided.
  if (data.eventStatus !== 'tcloaded' && data.eventStatus !== 'useractioncomplete') return 'pending';
  const consents = data.purpose?.consents ?? {};
  return TCF_PURPOSES.every((p) => consents[String(p)] === true) ? 'granted' : 'denied';
}

/** Global Privacy Control, when the merchant chose to honour it, turns any consent into a denial. */
export function applyGpc(state: ConsentState, respectGpc: boolean, gpc: boolean | undefined): ConsentState {
  return respectGpc && gpc === true ? 'denied' : state;
}
