#!/usr/bin/env bash
# Runs Seedling's OpenCL checks and benchmarks on a GPU host from the .gpu/ folder that tools/gpu/package.sh built,
# writing every result to $OUT (or the first argument, or ./gpu-out). Run as root from anywhere:
#   .gpu/run-on-gpu.sh [out-dir]
# Steps (each with a time limit; one failing does not stop the rest; summary.txt says what happened):
#   1. OpenCL ICD: install the bundled loader if libOpenCL.so.1 is missing; register NVIDIA's ICD if none is
#      registered (skip with SKIP_ICD=1, e.g. on a PoCL machine)
#   2. seedling info                           -> info.txt   (every platform/device, the one chosen and why)
#   3. conformance suite on every backend      -> conformance.txt (ends "N passed, N failed, N skipped")
#   4. bench gemm 1024 4096 on opencl          -> gemm-seedling.txt; torch.matmul FP32, TF32 off -> gemm-torch.txt
#   5. bench train-step on opencl              -> lm-step-seedling.txt; PyTorch CUDA eager -> lm-step-torch.txt
# GEMM_SIZES, LM_STEP_ARGS (e.g. "--steps 1 --warmup 1" on PoCL), SUITE_TIMEOUT and PYTHON override the defaults.
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
out=${1:-${OUT:-$PWD/gpu-out}}
mkdir -p "$out"
summary="$out/summary.txt"
note() { echo "== $*" | tee -a "$summary"; }
java="$here/jre/bin/java"
[ -x "$java" ] || java=$(command -v java || true)
# signal chaining: an LLVM-based OpenCL driver would otherwise replace the JVM's SIGSEGV handler (see SignalGuard)
jsig="$(dirname "$(dirname "$java")")/lib/libjsig.so"
[ -f "$jsig" ] && export LD_PRELOAD="$jsig${LD_PRELOAD:+:$LD_PRELOAD}"
[ -n "$java" ] || { note "no Java runtime (.gpu/jre missing?)"; exit 1; }
export SEEDLING_CACHE_DIR="${SEEDLING_CACHE_DIR:-$out/cache}"
jopts=(--add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -Xmx8g -Dorg.slf4j.simpleLogger.defaultLogLevel=info)

note "host: $(uname -a)"
if ! ldconfig -p 2>/dev/null | grep -q 'libOpenCL.so.1'; then
  for deb in "$here"/debs/*.deb; do [ -f "$deb" ] && dpkg -x "$deb" / && note "installed $(basename "$deb")"; done
  ldconfig || true
fi
if [ -z "${SKIP_ICD:-}" ] && ! ls /etc/OpenCL/vendors/*.icd >/dev/null 2>&1; then
  lib=$(ldconfig -p | grep -o '/.*libnvidia-opencl.so.1' | head -1)
  [ -n "$lib" ] || lib=$(find / -name 'libnvidia-opencl.so*' 2>/dev/null | head -1)
  if [ -n "$lib" ]; then
    mkdir -p /etc/OpenCL/vendors && echo "$lib" > /etc/OpenCL/vendors/nvidia.icd && note "ICD: $lib"
  else
    note "no libnvidia-opencl found and no ICD registered: OpenCL will find no platform"
  fi
fi
ls /etc/OpenCL/vendors/ 2>/dev/null | sed 's/^/   icd: /' | tee -a "$summary"
command -v nvidia-smi >/dev/null && nvidia-smi -L 2>&1 | tee -a "$summary"

step() {   # step NAME TIMEOUT FILE command...
  local name=$1 limit=$2 file=$3
  shift 3
  local t0=$SECONDS
  timeout "$limit" "$@" > "$out/$file" 2>&1
  local rc=$?
  note "$name: rc=$rc in $((SECONDS - t0)) s -> $file: $(grep -v '^\[' "$out/$file" | tail -n 1)"
}

cli=(-cp "$here/lib/*" dev.seedling.cli.SeedlingCli)
step "info" 120 info.txt "$java" "${jopts[@]}" "${cli[@]}" info
step "conformance" "${SUITE_TIMEOUT:-600}" conformance.txt "$java" "${jopts[@]}" -Xss4m \
  -cp "$here/tests/classes:$here/tests/*:$here/lib/*" dev.seedling.SuiteRunner
export SEEDLING_BACKEND=opencl
# shellcheck disable=SC2086
step "gemm seedling" 300 gemm-seedling.txt "$java" "${jopts[@]}" "${cli[@]}" bench gemm ${GEMM_SIZES:-1024 4096}
# shellcheck disable=SC2086
step "gemm torch" 120 gemm-torch.txt "${PYTHON:-python3}" "$here/torch_cuda_peer.py" gemm ${GEMM_SIZES:-1024 4096}
# shellcheck disable=SC2086
step "lm-step seedling" 300 lm-step-seedling.txt "$java" "${jopts[@]}" "${cli[@]}" bench train-step ${LM_STEP_ARGS:-}
step "lm-step torch" 120 lm-step-torch.txt "${PYTHON:-python3}" "$here/torch_cuda_peer.py" lm-step
cp -r "$SEEDLING_CACHE_DIR/opencl/"sgemm-*.txt "$out/" 2>/dev/null && note "SGEMM autotune result copied"
note "done; results in $out"
