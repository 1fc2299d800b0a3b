/**
 * The dashboard's HTML shell. It holds no data (the page fetches the report with the token the
 * merchant types in), only links to the bundle and stylesheet built into dist/ and served under
 * /reshelf/. No inline script or style, so the page runs under the strict CSP below.
 */

/** Everything from this origin, nothing inline; Trusted Types with no policy forbids HTML sinks outright. */
export const DASHBOARD_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "require-trusted-types-for 'script'",
  "trusted-types 'none'",
].join('; ');

export function dashboardHtml(assetVersion: string): string {
  const v = encodeURIComponent(assetVersion);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="robots" content="noindex">
<title>reshelf · campaign dashboard</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/reshelf/dashboard.css?v=${v}">
<script src="/reshelf/dashboard.js?v=${v}" defer></script>
</head>
<body>
<div id="app"><p class="boot">Loading the dashboard… If this stays, the dashboard bundle is missing: run <code>npm run build</code> and serve <code>dist/</code> (<code>reshelf serve --static dist</code>).</p></div>
</body>
</html>
`;
}
