/**
 * Browser entry of the text-model test page (bundled on the fly by intent-server.ts): the ESM
 * API on `window`, and every `reshelf:model` event the page heard.
 */
import { createReshelf } from '../../src/index';
import type { ModelStatus } from '../../workers/intent/types';

export interface IntentHarness {
  createReshelf: typeof createReshelf;
  /** `reshelf:model` event details, in order. */
  events: ModelStatus[];
}

const events: ModelStatus[] = [];
addEventListener('reshelf:model', (e) => events.push((e as CustomEvent<ModelStatus>).detail));
(window as unknown as { harness: IntentHarness }).harness = { createReshelf, events };
