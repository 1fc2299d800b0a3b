/** Entry of dist/dashboard.js (the merchant dashboard; never part of the shopper-facing bundles). */
import { startDashboard } from './app';

const root = document.getElementById('app');
if (root) startDashboard(root);
