/**
 * Runs `reshelf text prepare` from source, without a build:
 *   node --import tsx server/text/prepare-cli.ts [--data ../shared/data] [--out models/data]
 */
import { runCli } from '../commands';

runCli(['text', 'prepare', ...process.argv.slice(2)], {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  env: process.env,
  waitForShutdown: () => Promise.resolve(),
}).then((code) => {
  process.exitCode = code;
});
