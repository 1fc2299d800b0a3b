// Rollup plugin for the dashboard build: concatenates stylesheets (uPlot's, then ours) into one
// asset beside the bundle, so the page links one external .css and needs no inline style.
import { readFileSync } from 'node:fs';

export function cssAsset(fileName, files) {
  return {
    name: 'reshelf-css-asset',
    buildStart() {
      for (const f of files) this.addWatchFile(f);
    },
    generateBundle() {
      const source = files.map((f) => `/* ${f.replace(/^.*node_modules\//, '')} */\n${readFileSync(f, 'utf8').trim()}\n`).join('\n');
      this.emitFile({ type: 'asset', fileName, source });
    },
  };
}
