/**
 * The admin API as the dashboard uses it: bearer token in a header, same origin, no caching,
 * answers checked at the boundary and errors turned into one closed union.
 */
import type { CampaignReport } from '../../../src/core/report/report';

export interface CampaignEntry {
  id: string;
  name: string;
  startsAt: string;
  endsAt: string;
}

export type ApiErrorKind = 'unauthorized' | 'not-found' | 'network' | 'server' | 'invalid';

export interface ApiError {
  kind: ApiErrorKind;
  status: number;
  message: string;
}

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The fields every view reads; a report from an incompatible server fails here, not mid-render. */
export function isReport(v: unknown): v is CampaignReport {
  return (
    isObject(v) && typeof v.campaignId === 'string' && typeof v.name === 'string' && typeof v.currency === 'string' &&
    isObject(v.arms) && isObject(v.arms.treatment) && isObject(v.arms.control) && isObject(v.lift) && isObject(v.window) &&
    Array.isArray(v.positions) && Array.isArray(v.items) && isObject(v.summary) && typeof v.summary.en === 'string' && typeof v.summary.zh === 'string'
  );
}

export function isCampaignList(v: unknown): v is { campaigns: CampaignEntry[] } {
  return isObject(v) && Array.isArray(v.campaigns) && v.campaigns.every((c) => isObject(c) && typeof c.id === 'string' && typeof c.name === 'string');
}

async function errorOf(res: Response): Promise<ApiError> {
  let message = `HTTP ${res.status}`;
  try {
    const body: unknown = await res.json();
    if (isObject(body) && isObject(body.error) && typeof body.error.message === 'string') message = body.error.message;
  } catch {
    // not JSON: keep the status line
  }
  const kind: ApiErrorKind = res.status === 401 || res.status === 403 ? 'unauthorized' : res.status === 404 ? 'not-found' : 'server';
  return { kind, status: res.status, message };
}

async function request(path: string, token: string): Promise<Response | ApiError> {
  try {
    return await fetch(path, { headers: { Authorization: `Bearer ${token}` }, cache: 'no-store', credentials: 'omit' });
  } catch (e) {
    return { kind: 'network', status: 0, message: e instanceof Error ? e.message : String(e) };
  }
}

export async function getJson<T>(path: string, token: string, guard: (v: unknown) => v is T): Promise<ApiResult<T>> {
  const res = await request(path, token);
  if (!(res instanceof Response)) return { ok: false, error: res };
  if (!res.ok) return { ok: false, error: await errorOf(res) };
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    return { ok: false, error: { kind: 'invalid', status: res.status, message: 'the server answered with something other than JSON' } };
  }
  return guard(body) ? { ok: true, value: body } : { ok: false, error: { kind: 'invalid', status: res.status, message: 'the server answered with an unexpected shape' } };
}

export const reportPath = (id: string) => `/v1/admin/campaigns/${encodeURIComponent(id)}/report`;
export const campaignsPath = '/v1/admin/campaigns';

/** Fetches the CSV with the token, then hands it to the browser as a Blob URL download. */
export async function downloadCsv(id: string, token: string): Promise<ApiResult<true>> {
  const res = await request(`${reportPath(id)}.csv`, token);
  if (!(res instanceof Response)) return { ok: false, error: res };
  if (!res.ok) return { ok: false, error: await errorOf(res) };
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = `reshelf-report-${id}.csv`;
  document.body.appendChild(a);
  a.click();
  a.remove();
  // The download has started by now; revoking later frees the Blob.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
  return { ok: true, value: true };
}

/** One sentence for the error banner. */
export function describeError(e: ApiError): string {
  switch (e.kind) {
    case 'unauthorized':
      return `The admin token was not accepted (HTTP ${e.status}: ${e.message}). Enter the token the server printed or RESHELF_ADMIN_TOKEN.`;
    case 'not-found':
      return `Not found: ${e.message}.`;
    case 'network':
      return `Could not reach the server (${e.message}). Check that it is running, then refresh.`;
    case 'invalid':
      return `The server's answer could not be read: ${e.message}.`;
    case 'server':
      return `The server answered HTTP ${e.status}: ${e.message}.`;
  }
}
