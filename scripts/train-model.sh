#!/usr/bin/env bash
# Retrain the shipped text model from scratch, reproducibly (fixed seeds, one CPU thread):
#   prepare data -> WordPiece vocabulary -> (MLM pre-training +) fine-tuning -> ONNX -> int8.
#
#   scripts/train-model.sh                       # full run into models/reshelf-intent
#   scripts/train-model.sh --smoke --out DIR     # CI: a few hundred rows, one epoch, into DIR
#
# Needs: node_modules, Debian python3-torch + python3-onnx, and (for a ~10x faster run)
# libopenblas0-serial; the python on PATH may lack torch, so /usr/bin/python3 is the default.
set -euo pipefail
cd "$(dirname "$0")/.."

PY=${RESHELF_PYTHON:-/usr/bin/python3}
RAW=${RESHELF_DATA:-../shared/data}
OUT=models/reshelf-intent
SMOKE=0
while [ $# -gt 0 ]; do
  case "$1" in
    --smoke) SMOKE=1 ;;
    --out) OUT=$2; shift ;;
    *) echo "unknown option: $1 (use --smoke, --out DIR)" >&2; exit 2 ;;
  esac
  shift
done

# Reference BLAS makes torch ~10x slower here; use the serial OpenBLAS build when installed.
# Serial, not pthread: two BLAS threads on these 2-core VMs are far slower than one.
OPENBLAS=/usr/lib/x86_64-linux-gnu/openblas-serial
if [ -e "$OPENBLAS/libblas.so.3" ]; then
  export LD_LIBRARY_PATH="$OPENBLAS${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
else
  echo "warning: libopenblas0-serial not installed; training will be much slower" >&2
fi
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 PYTHONHASHSEED=0

# The chosen model and recipe; models/reshelf-intent/README.md has the measurements behind it.
TOKENIZER_ARGS=(--vocab-size 10000 --max-length 256)
MODEL_ARGS=(--layers 2 --hidden 128 --heads 4 --intermediate 512 --pooling cls_mean
            --bigram-buckets 32768 --bigram-dim 32 --seed 13)
RECIPE_ARGS=(--epochs 4 --mlm-epochs 0 --lr 1e-3 --batch-size 32 --source-cap 10000
             --source-caps online-shopping-10-cats=1x,clinc150=1x,multi-domain-sentiment=2x,amazon-in-products=2x,amazon-cells-labelled=2x
             --kd-weight 1.0 --kd-temp 2)
if [ "$SMOKE" = 1 ]; then
  WORK="$OUT/.work"; DATA="$WORK/data"
  TOKENIZER_ARGS+=(--per-source 60)
  TRAIN_ARGS=("${MODEL_ARGS[@]}" --smoke --mlm-epochs 1)  # MLM too, so that code path stays alive
else
  WORK=models/.cache/train; DATA=models/data
  TRAIN_ARGS=("${MODEL_ARGS[@]}" "${RECIPE_ARGS[@]}")
fi
mkdir -p "$OUT" "$WORK"
start=$(date +%s)

echo "== 1/5 prepare data -> $DATA"
# >>> ADJUST if the prepare command moves (owned by server/text). <<<
node --import tsx server/text/prepare-cli.ts --data "$RAW" --out "$DATA"

echo "== 2/5 tokenizer"
"$PY" models/train/build_tokenizer.py --train "$DATA/train.jsonl" --out "$OUT" "${TOKENIZER_ARGS[@]}"

if [ "$SMOKE" = 0 ]; then
  echo "== 2b/5 teacher: out-of-fold TF-IDF + LR probabilities per source (distilled into the model)"
  node --import tsx scripts/text-teacher.ts --data "$DATA" --out "$WORK/teacher.jsonl"
  TRAIN_ARGS+=(--teacher "$WORK/teacher.jsonl")
fi

echo "== 3/5 train"
"$PY" models/train/train.py --data "$DATA" --tokenizer "$OUT" --out "$WORK" "${TRAIN_ARGS[@]}" | tee "$WORK/train.log"

echo "== 4/5 export + int8"
"$PY" models/train/export.py --checkpoint "$WORK/checkpoint.pt" --tokenizer "$OUT" --out "$OUT"

echo "== 5/5 check fp32 vs int8 in Node (transformers.js + onnxruntime)"
LIMIT=()
[ "$SMOKE" = 1 ] && LIMIT=(--limit 100)
node models/train/eval-onnx.mjs --model "$OUT" --data "$DATA/test.jsonl" "${LIMIT[@]}" > "$WORK/onnx-eval.json"
node -e '
  const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const f = (x) => (x * 100).toFixed(2) + "%";
  for (const head of ["category", "sentiment"])
    for (const lang of ["zh", "en"])
      if (r.q8[head][lang]) console.log(`${head} ${lang}: int8 ${f(r.q8[head][lang].accuracy)} fp32 ${f(r.fp32[head][lang].accuracy)} (n=${r.q8[head][lang].n})`);
  console.log(`int8 agrees with fp32: category ${f(r.agreement.category)}, sentiment ${f(r.agreement.sentiment)}`);
' "$WORK/onnx-eval.json"
if [ "$SMOKE" = 0 ]; then
  mkdir -p models/train/reports
  cp "$WORK/report.json" models/train/reports/train-report.json
  cp "$WORK/onnx-eval.json" models/train/reports/onnx-eval.json
  cp "$WORK/train.log" models/train/reports/train.log
fi
ls -l "$OUT/onnx"
if [ "$SMOKE" = 0 ]; then
  echo "== model card metrics (model vs TF-IDF baseline on every source's test split)"
  node --import tsx server/cli.ts text card --model "$OUT"
fi
echo "done in $(( $(date +%s) - start ))s -> $OUT"
