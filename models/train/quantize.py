"""Int8 quantization of the fp32 ONNX graph with the `onnx` library alone.

Rewrites into the pattern onnxruntime's dynamic quantization emits, because MatMulInteger is
the fast path in onnxruntime-web (weight-only DequantizeLinear measured slower than fp32):
  MatMul(x, W) / Gemm(x, W, b)  ->  DynamicQuantizeLinear(x) -> MatMulInteger(x_q, W_q, x_zp)
                                    -> Cast(float) -> Mul(x_scale * w_scale[col]) (-> Add(b))
with W_q int8, symmetric, one scale per output column. Embedding tables become int8 with one
scale per row (per column for narrow tables), gathered then dequantized, so a run never
dequantizes the whole table. Small weights (the classifier heads) stay fp32: they cost little and
sit next to the output. Nodes in KEEP_FP32 compute in float with fp16-stored weights.

Usage: quantize.py [--quantize-all] models/reshelf-intent/onnx/model.onnx models/reshelf-intent/onnx/model_quantized.onnx
"""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

MIN_ELEMENTS = 4096  # weights smaller than this stay fp32
# Nodes kept fp32 whatever their size. The pooler reads the concatenation of the CLS vector, the
# mean of the tokens and the bigram bag: features on different scales, which one per-tensor
# activation scale would crush (measured: sentiment int8 87.4% vs fp32 91.2% when quantized).
KEEP_FP32 = ("/pooler/",)


def _per_column_int8(w: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    scale = np.abs(w).max(axis=0) / 127.0
    scale[scale == 0] = 1.0
    return np.clip(np.round(w / scale), -127, 127).astype(np.int8), scale.astype(np.float32)


def quantize_model(model: onnx.ModelProto, min_elements: int = MIN_ELEMENTS,
                   keep: tuple[str, ...] = KEEP_FP32) -> onnx.ModelProto:
    graph = model.graph
    inits = {i.name: i for i in graph.initializer}
    new_inits: list[onnx.TensorProto] = []
    nodes: list[onnx.NodeProto] = []
    dql: dict[str, tuple[str, str, str]] = {}  # one DynamicQuantizeLinear per activation

    def const(name: str):
        t = inits.get(name)
        return None if t is None else numpy_helper.to_array(t)

    def quantized_input(x: str) -> tuple[str, str, str]:
        if x not in dql:
            outs = (f"{x}_quantized", f"{x}_scale", f"{x}_zero_point")
            nodes.append(helper.make_node("DynamicQuantizeLinear", [x], list(outs), name=f"{x}_DynamicQuantizeLinear"))
            dql[x] = outs
        return dql[x]

    def matmul_integer(x: str, w: np.ndarray, wname: str, out: str, prefix: str) -> None:
        wq, ws = _per_column_int8(w)
        new_inits.append(numpy_helper.from_array(wq, f"{wname}_quantized"))
        new_inits.append(numpy_helper.from_array(ws, f"{wname}_scale"))
        xq, xs, xzp = quantized_input(x)
        nodes.extend([
            helper.make_node("MatMulInteger", [xq, f"{wname}_quantized", xzp], [f"{prefix}_int32"],
                             name=f"{prefix}_MatMulInteger"),
            helper.make_node("Cast", [f"{prefix}_int32"], [f"{prefix}_float"], to=TensorProto.FLOAT,
                             name=f"{prefix}_Cast"),
            helper.make_node("Mul", [xs, f"{wname}_scale"], [f"{prefix}_scale"], name=f"{prefix}_ScaleMul"),
            helper.make_node("Mul", [f"{prefix}_float", f"{prefix}_scale"], [out], name=f"{prefix}_Mul"),
        ])

    def gather_int8(table: np.ndarray, tname: str, ids: str, out: str, prefix: str) -> None:
        # Wide tables (word embeddings) get a scale per row, so rare tokens keep their precision.
        # Narrow ones (the 32-wide bigram table) get one per column: per-row floats would add an
        # eighth of the table again.
        per_row = table.shape[1] >= 64
        if per_row:
            wq, ws = _per_column_int8(table.T)
            wq, ws = np.ascontiguousarray(wq.T), ws.reshape(-1, 1)
        else:
            wq, ws = _per_column_int8(table)
        new_inits.append(numpy_helper.from_array(wq, f"{tname}_quantized"))
        new_inits.append(numpy_helper.from_array(ws, f"{tname}_scale"))
        nodes.append(helper.make_node("Gather", [f"{tname}_quantized", ids], [f"{prefix}_int8"], name=f"{prefix}_GatherQ"))
        nodes.append(helper.make_node("Cast", [f"{prefix}_int8"], [f"{prefix}_float"], to=TensorProto.FLOAT,
                                      name=f"{prefix}_Cast"))
        scale = f"{tname}_scale"
        if per_row:
            nodes.append(helper.make_node("Gather", [scale, ids], [f"{prefix}_rowscale"], name=f"{prefix}_GatherScale"))
            scale = f"{prefix}_rowscale"
        nodes.append(helper.make_node("Mul", [f"{prefix}_float", scale], [out], name=f"{prefix}_Mul"))

    def half_weights(node: onnx.NodeProto, prefix: str) -> None:
        # A node kept in float still need not ship float32 weights: fp16 halves them and a Cast
        # restores float32 once per run (rounding error ~5e-4 relative, far below int8's).
        for k, name in enumerate(node.input):
            w = const(name)
            if w is not None and w.size >= min_elements and w.dtype == np.float32:
                new_inits.append(numpy_helper.from_array(w.astype(np.float16), f"{name}_fp16"))
                nodes.append(helper.make_node("Cast", [f"{name}_fp16"], [f"{name}_from_fp16"], to=TensorProto.FLOAT,
                                              name=f"{prefix}_CastFp16_{k}"))
                node.input[k] = f"{name}_from_fp16"
        nodes.append(node)

    for node in graph.node:
        prefix = node.name or node.output[0]
        if prefix.startswith(keep):
            half_weights(node, prefix)
            continue
        if node.op_type == "MatMul":
            w = const(node.input[1])
            if w is not None and w.ndim == 2 and w.size >= min_elements and w.dtype == np.float32:
                matmul_integer(node.input[0], w, node.input[1], node.output[0], prefix)
                continue
        elif node.op_type == "Gemm":
            attrs = {a.name: helper.get_attribute_value(a) for a in node.attribute}
            w = const(node.input[1])
            plain = attrs.get("alpha", 1.0) == 1.0 and attrs.get("beta", 1.0) == 1.0 and not attrs.get("transA", 0)
            if w is not None and plain and w.size >= min_elements:
                w = w.T if attrs.get("transB", 0) else w
                has_bias = len(node.input) > 2 and node.input[2]
                mm_out = f"{prefix}_matmul" if has_bias else node.output[0]
                matmul_integer(node.input[0], np.ascontiguousarray(w), node.input[1], mm_out, prefix)
                if has_bias:
                    nodes.append(helper.make_node("Add", [mm_out, node.input[2]], [node.output[0]], name=f"{prefix}_Add"))
                continue
        elif node.op_type == "Gather":
            table = const(node.input[0])
            axis = next((helper.get_attribute_value(a) for a in node.attribute if a.name == "axis"), 0)
            if table is not None and table.ndim == 2 and axis == 0 and table.size >= min_elements:
                gather_int8(table, node.input[0], node.input[1], node.output[0], prefix)
                continue
        nodes.append(node)

    # Keep only initializers something still reads (the fp32 originals of quantized weights go).
    used = {i for n in nodes for i in n.input} | {o.name for o in graph.output}
    kept = [i for i in graph.initializer if i.name in used] + [i for i in new_inits if i.name in used]
    del graph.node[:]
    graph.node.extend(nodes)
    del graph.initializer[:]
    graph.initializer.extend(kept)
    onnx.checker.check_model(model)
    return model


def quantize_file(src: str | Path, dst: str | Path, keep: tuple[str, ...] = KEEP_FP32) -> None:
    model = quantize_model(onnx.load(str(src)), keep=keep)
    onnx.save(model, str(dst))


if __name__ == "__main__":
    # --quantize-all: the ablation quoted in the model card (the pooler quantized too).
    args = [a for a in sys.argv[1:] if a != "--quantize-all"]
    if len(args) != 2:
        sys.exit(__doc__)
    quantize_file(args[0], args[1], keep=() if "--quantize-all" in sys.argv else KEEP_FP32)
