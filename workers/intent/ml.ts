/**
 * The on-demand chunk: everything from transformers.js (and onnxruntime-web's JS) enters the
 * worker only through `import('./ml')` in load-model.ts, so rollup puts it in its own file and the
 * worker's first chunk stays small. Keep this file free of reshelf logic.
 */
export { env, AutoTokenizer, AutoModelForSequenceClassification, Tensor } from '@huggingface/transformers';
// The hashed names of the onnxruntime-web files copied to dist/ort/ (a virtual module, see rollup.config.mjs).
export { default as ORT_FILES } from 'reshelf:ort-files';
/**
 * This chunk's own URL. transformers.js never recovers from a failed session creation (its
 * session queue stays rejected), so a load after a failure imports the chunk again under another
 * URL: a fresh, untouched copy of transformers.js and onnxruntime-web.
 */
export const CHUNK_URL: string = import.meta.url;
