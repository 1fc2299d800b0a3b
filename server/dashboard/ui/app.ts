/**
 * The dashboard's controller: token → campaign list → report, and re-rendering on refresh,
 * campaign change and language change. The campaign id is in the URL (shareable), the token
 * is not.
 */
import type { CampaignReport } from '../../../src/core/report/report';
import { campaignsPath, describeError, downloadCsv, getJson, isCampaignList, isReport, reportPath, type ApiError, type CampaignEntry } from './api';
import { h, replace } from './dom';
import type { Lang } from './item-rows';
import { forgetToken, readToken, saveToken } from './token';
import { loginView } from './views/login';
import { reportView, type ReportView } from './views/report-view';
import { topbar } from './views/topbar';

const LANG_KEY = 'reshelf.dashboard.lang';

function initialLang(): Lang {
  try {
    const saved = sessionStorage.getItem(LANG_KEY);
    if (saved === 'en' || saved === 'zh') return saved;
  } catch {
    // no storage: fall through
  }
  return navigator.language.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

export function startDashboard(root: HTMLElement): void {
  let token = readToken();
  let campaigns: CampaignEntry[] | null = null;
  let campaignId = new URL(location.href).searchParams.get('campaign');
  let report: CampaignReport | null = null;
  let lang = initialLang();
  let view: ReportView | null = null;
  const content = h('main', { class: 'content', id: 'content', 'aria-live': 'polite' });
  const banner = h('div', { class: 'banner', role: 'alert', hidden: true });

  const showError = (message: string | null) => {
    banner.hidden = message === null;
    banner.textContent = message ?? '';
  };

  const signOut = (error: string | null) => {
    forgetToken();
    token = null;
    view?.destroy();
    view = null;
    replace(root, loginView(error, (t) => {
      saveToken(t);
      token = t;
      void open();
    }));
  };

  /** Unauthorized anywhere means the token is wrong or was rotated: ask again. */
  const fail = (e: ApiError) => (e.kind === 'unauthorized' ? signOut(describeError(e)) : showError(describeError(e)));

  const renderReport = () => {
    view?.destroy();
    view = null;
    if (!report) return;
    view = reportView(report, lang, (l) => {
      lang = l;
      try {
        sessionStorage.setItem(LANG_KEY, l);
      } catch {
        // not remembered
      }
      renderReport();
    });
    replace(content, view.el);
    view.mount();
  };

  const loadReport = async () => {
    if (!token) return;
    if (!campaignId) {
      replace(content, h('p', { class: 'empty big' }, 'No campaign yet: create one with PUT /v1/admin/campaigns/:id.'));
      return;
    }
    content.setAttribute('aria-busy', 'true');
    if (!report) replace(content, h('p', { class: 'empty big' }, 'Loading the report…'));
    const res = await getJson(reportPath(campaignId), token, isReport);
    content.removeAttribute('aria-busy');
    if (!res.ok) {
      if (res.error.kind === 'not-found') {
        report = null;
        view?.destroy();
        view = null;
        replace(content, h('p', { class: 'empty big' }, `No report for campaign "${campaignId}". Pick another campaign above.`));
      }
      fail(res.error);
      return;
    }
    showError(null);
    report = res.value;
    renderReport();
  };

  const pick = (id: string) => {
    campaignId = id;
    report = null;
    const url = new URL(location.href);
    url.searchParams.set('campaign', id);
    history.replaceState(null, '', url);
    void loadReport();
  };

  const open = async () => {
    if (!token) return signOut(null);
    const list = await getJson(campaignsPath, token, isCampaignList);
    if (!list.ok && list.error.kind === 'unauthorized') return signOut(describeError(list.error));
    // An older server without the list still serves reports: the picker then shows the URL's id only.
    campaigns = list.ok ? list.value.campaigns : null;
    if (!campaignId && campaigns?.[0]) campaignId = campaigns[0].id;
    const bar = topbar(campaigns, campaignId, {
      onPick: pick,
      onRefresh: () => void loadReport(),
      onCsv: () => {
        if (!token || !campaignId) return;
        void downloadCsv(campaignId, token).then((r) => (r.ok ? undefined : fail(r.error)));
      },
      onSignOut: () => signOut(null),
    });
    replace(root, bar, h('div', { class: 'page' }, banner, content));
    showError(list.ok || list.error.kind === 'not-found' ? null : describeError(list.error));
    await loadReport();
  };

  if (token) void open();
  else signOut(null);
}
