/**
 * The Cache Storage bucket the model files live in. reshelf's own name (not transformers.js's
 * default `transformers-cache`), so `forget()` can delete it without touching a page's other
 * transformers.js models. Imported by the page too: keep this file a single constant.
 */
export const MODEL_CACHE_NAME = 'reshelf-models';
