/**
 * The demo shop's stylesheet and its one small script, kept as strings so they travel inside the
 * bundled `dist/demo.js` (no file lookups at run time). Both are served as external files: the
 * storefront page has no inline script or style, so a strict CSP can be added later.
 */

export const SHOP_CSS = `
:root{--red:#991b1b;--red2:#b91c1c;--orange:#ea580c;--amber:#f59e0b;--ink:#1c1917;--muted:#78716c;--line:#e7e0d8;--bg:#f7f3ef;--card:#fff;--ok:#15803d;
  font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--ink);background:var(--bg);line-height:1.4;-webkit-text-size-adjust:100%}
*,*::before,*::after{box-sizing:border-box}
body{margin:0;min-height:100vh}
a{color:inherit}
button{font:inherit}
.wrap{max-width:1320px;margin:0 auto;padding:0 16px}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}

/* Header */
.top{background:linear-gradient(100deg,#450a0a 0%,var(--red) 45%,var(--orange) 100%);color:#fff}
.top .wrap{display:flex;align-items:center;gap:16px;height:64px}
.brand{display:flex;align-items:center;gap:8px;font-weight:800;font-size:20px;letter-spacing:-.02em;text-decoration:none;white-space:nowrap}
.brand-mark{display:grid;place-items:center;width:32px;height:32px;border-radius:9px;background:#fff;color:var(--red);font-size:18px}
.search{flex:1;display:flex;max-width:560px;margin-left:auto;background:#fff;border-radius:999px;overflow:hidden;box-shadow:0 1px 0 rgba(0,0,0,.15)}
.search input{flex:1;min-width:0;border:0;padding:10px 16px;font:inherit;font-size:15px;color:var(--ink);background:transparent;outline:none}
.search button{border:0;padding:0 18px;background:var(--amber);color:#451a03;font-weight:700;cursor:pointer}
.search:focus-within{box-shadow:0 0 0 3px rgba(251,191,36,.7)}
.cart{position:relative;display:grid;place-items:center;width:44px;height:44px;border-radius:12px;text-decoration:none}
.cart:hover{background:rgba(255,255,255,.12)}
.cart svg{width:26px;height:26px}
.cart-count{position:absolute;top:2px;right:0;min-width:20px;height:20px;padding:0 5px;border-radius:10px;background:var(--amber);color:#451a03;font-size:12px;font-weight:800;line-height:20px;text-align:center}
.cart-count[hidden]{display:none}

/* Sale banner */
.sale{background:#1c0a06;color:#fde6d6;border-bottom:3px solid var(--orange)}
.sale .wrap{display:flex;flex-wrap:wrap;align-items:center;gap:6px 20px;padding-top:14px;padding-bottom:14px}
.sale h1{margin:0;font-size:24px;letter-spacing:-.02em;color:#fff}
.sale h1 span{color:var(--amber)}
.sale p{margin:0;font-size:14px;opacity:.9}
.ends{margin-left:auto;display:flex;align-items:center;gap:10px;font-size:13px;text-transform:uppercase;letter-spacing:.08em}
.clock{font-variant-numeric:tabular-nums;font-size:22px;font-weight:800;letter-spacing:.04em;color:#fff;background:var(--red2);padding:4px 10px;border-radius:8px;min-width:118px;text-align:center}

main{padding:18px 0 40px}
.grid-head{display:flex;align-items:baseline;justify-content:space-between;gap:12px;margin:2px 0 12px}
.grid-head h2{margin:0;font-size:18px}
.grid-head p{margin:0;color:var(--muted);font-size:13px}

/* Widget: fixed-size tiles, so reordering never shifts layout */
.deals{display:grid;grid-template-columns:repeat(2,minmax(0,1fr));gap:10px}
@media (min-width:640px){.deals{grid-template-columns:repeat(3,minmax(0,1fr));gap:14px}}
@media (min-width:900px){.deals{grid-template-columns:repeat(4,minmax(0,1fr))}}
@media (min-width:1180px){.deals{grid-template-columns:repeat(6,minmax(0,1fr))}}
.tile{position:relative;display:flex;flex-direction:column;height:100%;background:var(--card);border:1px solid var(--line);border-radius:12px;overflow:hidden;contain:layout paint;transition:box-shadow .15s,border-color .15s}
.tile:hover{border-color:#d6c7b8;box-shadow:0 6px 18px rgba(68,26,3,.10)}
.tile-link{display:block;flex:1;text-decoration:none;color:inherit}
.tile-link:focus-visible{outline:3px solid var(--orange);outline-offset:-3px}
.media{position:relative;display:block;aspect-ratio:4/3;background:#e7e5e4}
.ph{display:block;width:100%;height:100%}
.off{position:absolute;top:8px;left:8px;padding:2px 7px;border-radius:6px;background:var(--amber);color:#451a03;font-size:12px;font-weight:800}
.ribbon{position:absolute;left:0;right:0;bottom:0;padding:4px 8px;background:rgba(127,29,29,.92);color:#fff;font-size:11px;font-weight:700;letter-spacing:.08em;text-transform:uppercase;text-align:center}
.body{display:block;padding:9px 11px 0}
.cat{display:block;height:16px;overflow:hidden;color:var(--muted);font-size:11px;font-weight:600;letter-spacing:.06em;text-transform:uppercase;white-space:nowrap;text-overflow:ellipsis}
.title{display:-webkit-box;-webkit-line-clamp:2;-webkit-box-orient:vertical;height:38px;overflow:hidden;margin:3px 0 5px;font-size:13.5px;line-height:19px;font-weight:500}
.price{display:flex;align-items:baseline;gap:6px;height:24px;white-space:nowrap;overflow:hidden}
.price strong{font-size:17px;color:var(--red)}
.price s{font-size:12px;color:var(--muted)}
.stock{display:block;height:32px;padding:6px 11px 0}
.stock progress{display:block;width:100%;height:6px;border:0;border-radius:3px;-webkit-appearance:none;appearance:none;background:#f1e4d8;overflow:hidden}
.stock progress::-webkit-progress-bar{background:#f1e4d8;border-radius:3px}
.stock progress::-webkit-progress-value{background:linear-gradient(90deg,var(--amber),var(--orange),var(--red2));border-radius:3px}
.stock progress::-moz-progress-bar{background:linear-gradient(90deg,var(--amber),var(--orange),var(--red2))}
.stock small{display:block;margin-top:3px;font-size:11.5px;color:var(--muted)}
.stock .low{color:var(--red2);font-weight:700}
.btn{display:inline-flex;align-items:center;justify-content:center;height:36px;padding:0 14px;border:0;border-radius:9px;background:var(--orange);color:#fff;font-weight:700;font-size:14px;text-decoration:none;cursor:pointer;white-space:nowrap}
.btn:hover{background:#c2410c}
.btn:focus-visible{outline:3px solid var(--amber);outline-offset:2px}
.btn[disabled],.btn[aria-disabled="true"]{background:#d6d3d1;color:#57534e;cursor:not-allowed}
.btn.is-added{background:var(--ok)}
.btn-ghost{background:transparent;color:var(--red);box-shadow:inset 0 0 0 2px var(--red)}
.btn-ghost:hover{background:#fef2f2}
.tile .btn{margin:6px 11px 11px}
.tile.is-soldout .media{filter:grayscale(1);opacity:.55}
.tile.is-soldout .price strong{color:var(--muted)}
[data-reshelf-soldout] .media{filter:grayscale(1);opacity:.55}

/* Product page */
.crumbs{margin:0 0 14px;font-size:14px}
.crumbs a{color:var(--red);font-weight:600;text-decoration:none}
.crumbs a:hover{text-decoration:underline}
.product{display:grid;gap:24px;background:var(--card);border:1px solid var(--line);border-radius:16px;padding:18px}
@media (min-width:800px){.product{grid-template-columns:minmax(0,4fr) minmax(0,6fr);padding:24px;align-items:start}}
.product .media{border-radius:12px;overflow:hidden}
.product h1{margin:6px 0 10px;font-size:24px;line-height:1.25;letter-spacing:-.01em}
.product .price strong{font-size:28px}
.product .price{height:auto;gap:10px}
.product .price s{font-size:15px}
.save{color:var(--ok);font-weight:700;font-size:14px;margin:4px 0 14px}
.avail{margin:0 0 16px;font-size:15px}
.avail .low{color:var(--red2);font-weight:700}
.avail .out{color:var(--muted);font-weight:700}
.actions{display:flex;flex-wrap:wrap;gap:10px}
.actions .btn{height:44px;padding:0 22px;font-size:15px}
.fine{margin-top:18px;color:var(--muted);font-size:13px}

/* Checkout */
.receipt{max-width:620px;margin:0 auto;background:var(--card);border:1px solid var(--line);border-radius:16px;padding:24px}
.receipt h1{margin:0 0 4px;font-size:24px}
.receipt .tick{display:grid;place-items:center;width:44px;height:44px;border-radius:50%;background:#dcfce7;color:var(--ok);font-size:24px;font-weight:800;margin-bottom:10px}
.lines{width:100%;border-collapse:collapse;margin:16px 0;font-size:15px}
.lines td{padding:8px 0;border-bottom:1px solid var(--line)}
.lines td:last-child{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
.lines tr.total td{font-weight:800;border-bottom:0}
details{margin-top:18px;font-size:13px;color:var(--muted)}
pre{white-space:pre-wrap;word-break:break-all;background:#1c1917;color:#fde6d6;padding:12px;border-radius:8px;font-size:12px}

.notice{max-width:620px;margin:24px auto;text-align:center;background:var(--card);border:1px solid var(--line);border-radius:16px;padding:32px 24px}
.notice h1{margin:0 0 8px}
.notice p{color:var(--muted)}

footer{border-top:1px solid var(--line);color:var(--muted);font-size:12.5px}
footer .wrap{padding-top:16px;padding-bottom:28px}
.toast{position:fixed;left:50%;bottom:20px;transform:translateX(-50%);max-width:min(92vw,520px);padding:10px 16px;border-radius:10px;background:#1c1917;color:#fff;font-size:14px;box-shadow:0 8px 24px rgba(0,0,0,.25);opacity:0;pointer-events:none;transition:opacity .2s}
.toast.is-on{opacity:1}

@media (max-width:640px){
  .top .wrap{flex-wrap:wrap;height:auto;padding-top:10px;padding-bottom:10px;gap:10px}
  .search{order:3;flex-basis:100%;max-width:none}
  .cart{margin-left:auto}
  .sale .wrap{padding-top:10px;padding-bottom:10px}
  .sale h1{font-size:18px}
  .sale p{font-size:12.5px}
  .ends{margin-left:0;font-size:12px}
  .clock{font-size:18px;min-width:96px;padding:2px 8px}
  .grid-head p{display:none}
  .title{font-size:13px}
}
@media (prefers-reduced-motion:reduce){*{transition:none!important}}
`;

export const SHOP_JS = `(function () {
  'use strict';
  var KEY = 'shop-demo-cart';
  function readCart() { try { return Number(localStorage.getItem(KEY)) || 0; } catch (e) { return 0; } }
  function writeCart(n) { try { localStorage.setItem(KEY, String(n)); } catch (e) { /* private mode */ } }
  function paintCart() {
    var n = readCart();
    var els = document.querySelectorAll('[data-cart-count]');
    for (var i = 0; i < els.length; i++) { els[i].textContent = String(n); els[i].hidden = n === 0; }
  }
  var toastTimer = 0;
  function toast(text) {
    var el = document.getElementById('toast');
    if (!el) return;
    el.textContent = text;
    el.classList.add('is-on');
    clearTimeout(toastTimer);
    toastTimer = setTimeout(function () { el.classList.remove('is-on'); }, 3200);
  }
  function pad(n) { return (n < 10 ? '0' : '') + n; }
  function tick() {
    var els = document.querySelectorAll('[data-countdown]');
    var now = Date.now();
    for (var i = 0; i < els.length; i++) {
      var el = els[i];
      var w = (Number(el.getAttribute('data-window-hours')) || 6) * 3600000;
      var end = Math.floor(now / w) * w + w;
      var hard = Date.parse(el.getAttribute('data-ends-at') || '');
      if (!isNaN(hard)) end = Math.min(end, hard);
      var s = Math.max(0, Math.floor((end - now) / 1000));
      el.textContent = s > 0 ? pad(Math.floor(s / 3600)) + ':' + pad(Math.floor((s % 3600) / 60)) + ':' + pad(s % 60) : 'Ended';
    }
  }
  // Live stock from reshelf (server-sent): the merchant's own badges, updated in place.
  document.addEventListener('reshelf:stock', function (ev) {
    var tile = ev.target;
    var n = ev.detail && ev.detail.stock;
    if (!tile || typeof n !== 'number' || !tile.querySelector) return;
    var line = tile.querySelector('.stock small');
    if (line) {
      line.textContent = n <= 0 ? 'Sold out' : n <= 5 ? 'Only ' + n + ' left' : n + ' left';
      line.className = n <= 5 ? 'low' : '';
    }
    var bar = tile.querySelector('.stock progress');
    if (bar) bar.value = Math.max(0, Number(bar.max) - n);
    var btn = tile.querySelector('[data-reshelf-action="cart"]');
    if (btn && n <= 0) { btn.disabled = true; btn.textContent = 'Sold out'; }
    tile.classList.toggle('is-soldout', n <= 0);
  });
  document.addEventListener('click', function (ev) {
    var t = ev.target;
    var btn = t && t.closest ? t.closest('[data-reshelf-action="cart"]') : null;
    if (!btn || btn.disabled) return;
    writeCart(readCart() + 1);
    paintCart();
    var label = btn.getAttribute('data-label') || btn.textContent;
    btn.setAttribute('data-label', label);
    btn.textContent = 'Added \\u2713';
    btn.classList.add('is-added');
    setTimeout(function () { btn.textContent = label; btn.classList.remove('is-added'); }, 1400);
  });
  document.addEventListener('submit', function (ev) {
    var form = ev.target;
    var input = form && form.querySelector ? form.querySelector('input[data-reshelf-search]') : null;
    if (!input) return;
    // Search stays on this page: reshelf reads the text on this device and moves matching deals up.
    ev.preventDefault();
    var q = input.value.trim();
    if (!q) return;
    toast(document.querySelector('[data-reshelf-widget]')
      ? 'Deals matching \\u201c' + q.slice(0, 40) + '\\u201d move up as you scroll. Your search never leaves this device.'
      : 'Noted \\u2014 the sale page will show deals like \\u201c' + q.slice(0, 40) + '\\u201d first.');
  });
  function start() {
    if (document.body && document.body.hasAttribute('data-clear-cart')) writeCart(0);
    paintCart();
    tick();
    if (document.querySelector('[data-countdown]')) setInterval(tick, 1000);
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start); else start();
  window.addEventListener('storage', paintCart);
})();
`;
