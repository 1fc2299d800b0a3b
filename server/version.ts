/** The package version, read once from the nearest reshelf package.json (works from src and dist). */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

export function packageVersion(): string {
  if (cached !== undefined) return cached;
  cached = '0.0.0';
  try {
    let dir = dirname(fileURLToPath(import.meta.url));
    for (let i = 0; i < 5; i++) {
      try {
        const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: unknown; version?: unknown };
        if (pkg.name === 'reshelf' && typeof pkg.version === 'string') return (cached = pkg.version);
      } catch {
        // no package.json here; keep walking up
      }
      dir = dirname(dir);
    }
  } catch {
    // not a file: URL (bundled oddly); keep the fallback
  }
  return cached;
}
