#!/usr/bin/env bash
# Runs Seedling's OpenCL checks and benchmarks on a GPU host from the .gpu/ folder that tools/gpu/package.sh built,
# writing every result to $OUT (or the first argument, or ./gpu-out). Run as root from anywhere:
#   .gpu/run-on-gpu.sh [out-dir]
# Steps (each with a time limit; one failing does not stop the rest; summary.txt says what happened):
#   1. OpenCL ICD: install the bundled loader if libOpenCL.so.1 is missing; register NVIDIA's ICD if the driver's
#      libnvidia-opencl is there and no nvidia*.icd is registered (skip with SKIP_ICD=1, e.g. on a PoCL machine)
#   2. seedling info                           -> info.txt   (every platform/device, the one chosen and why)
#   3. bench gemm 1024 4096 on opencl          -> gemm-seedling.txt; the LM's products -> gemm-lm-shapes.txt;
#                                                 torch.matmul FP32, TF32 off -> gemm-torch.txt
#   4. bench train-step on opencl              -> lm-step-seedling.txt; PyTorch CUDA eager -> lm-step-torch.txt
#   5. SGEMM tile sweep: bench gemm at the largest size with each configuration forced -> gemm-sweep.txt
#   6. conformance suite on every backend      -> conformance.txt (ends "N passed, N failed, N skipped")
# The figures come first and the suite last, so a run cut short still brings the numbers back. Step limits add up to
# under 9 minutes (the device tool allows 10 per command).
# GEMM_SIZES, LM_STEP_ARGS (e.g. "--steps 1 --warmup 1" on PoCL), SWEEP (configurations, "" skips the sweep),
# SUITE_TIMEOUT and PYTHON override the defaults.
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# Results are written to a scratch folder and packed after every step into <final>/gpu-out.tgz beside a copy of
# summary.txt: the device tool brings back at most 8 files, and a run cut short still returns what it had.
final=${1:-${OUT:-$PWD/gpu-out}}
out=$(mktemp -d)/gpu-out
mkdir -p "$final" "$out"
summary="$out/summary.txt"
pack() { cp "$summary" "$final/summary.txt"; tar -C "$(dirname "$out")" -czf "$final/gpu-out.tgz" gpu-out; }
note() { echo "== $*" | tee -a "$summary"; pack; }
java="$here/jre/bin/java"
[ -x "$java" ] || java=$(command -v java || true)
# signal chaining: an LLVM-based OpenCL driver would otherwise replace the JVM's SIGSEGV handler (see SignalGuard)
jsig="$(dirname "$(dirname "$java")")/lib/libjsig.so"
[ -f "$jsig" ] && export LD_PRELOAD="$jsig${LD_PRELOAD:+:$LD_PRELOAD}"
[ -n "$java" ] || { note "no Java runtime (.gpu/jre missing?)"; exit 1; }
export SEEDLING_CACHE_DIR="${SEEDLING_CACHE_DIR:-$(dirname "$out")/cache}"
jopts=(--add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -Xmx8g -Dorg.slf4j.simpleLogger.defaultLogLevel=info)

note "host: $(uname -a)"
if ! ldconfig -p 2>/dev/null | grep -q 'libOpenCL.so.1'; then
  for deb in "$here"/debs/*.deb; do [ -f "$deb" ] && dpkg -x "$deb" / && note "installed $(basename "$deb")"; done
  ldconfig || true
fi
if [ -z "${SKIP_ICD:-}" ] && ! ls /etc/OpenCL/vendors/nvidia*.icd >/dev/null 2>&1; then
  lib=$(ldconfig -p | grep -o '/.*libnvidia-opencl.so.1' | head -1)
  [ -n "$lib" ] || lib=$(find /usr/local/nvidia /usr/lib /usr/lib64 /lib /lib64 -name 'libnvidia-opencl.so*' \
    2>/dev/null | head -1)
  [ -n "$lib" ] || lib=$(timeout 60 find / -name 'libnvidia-opencl.so*' 2>/dev/null | head -1)
  if [ -n "$lib" ]; then
    mkdir -p /etc/OpenCL/vendors && echo "$lib" > /etc/OpenCL/vendors/nvidia.icd && note "ICD: $lib"
  else
    note "no libnvidia-opencl found: OpenCL sees only the platforms already registered"
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
sizes=(${GEMM_SIZES:-1024 4096})
step "info" 90 info.txt "$java" "${jopts[@]}" "${cli[@]}" info
command -v nvidia-smi >/dev/null && nvidia-smi > "$out/nvidia-smi.txt" 2>&1
export SEEDLING_BACKEND=opencl
step "gemm seedling" 120 gemm-seedling.txt "$java" "${jopts[@]}" "${cli[@]}" bench gemm "${sizes[@]}"
step "gemm lm-shapes" 90 gemm-lm-shapes.txt "$java" "${jopts[@]}" "${cli[@]}" bench gemm --lm-shapes --reps 5
step "gemm torch" 90 gemm-torch.txt "${PYTHON:-python3}" "$here/torch_cuda_peer.py" gemm "${sizes[@]}"
# shellcheck disable=SC2086
step "lm-step seedling" 120 lm-step-seedling.txt "$java" "${jopts[@]}" "${cli[@]}" bench train-step ${LM_STEP_ARGS:-}
step "lm-step torch" 90 lm-step-torch.txt "${PYTHON:-python3}" "$here/torch_cuda_peer.py" lm-step
# SGEMM tiles: the largest size with each configuration forced (the autotuner picks at a smaller size); at most
# 150 s in all
t0=$SECONDS
for cfg in ${SWEEP-32x32x16/4x4 64x64x16/4x4 64x64x16/8x8 128x64x16/8x4 64x128x16/8x8 128x128x16/8x8 \
    128x128x32/8x8 128x64x32/8x4 64x128x32/8x8 128x256x16/8x16 256x128x16/16x8}; do
  [ $((SECONDS - t0)) -lt 150 ] || { echo "sweep: out of time before $cfg"; break; }
  echo "config $cfg"
  SEEDLING_OPENCL_SGEMM=$cfg timeout 40 "$java" "${jopts[@]}" "${cli[@]}" bench gemm "${sizes[-1]}" --reps 5 \
    --warmup 2 2>&1 | grep -v '^\[' | tail -n 3
done > "$out/gemm-sweep.txt" 2>&1
note "gemm sweep: $((SECONDS - t0)) s -> gemm-sweep.txt: $(grep -c 'seedling gemm' "$out/gemm-sweep.txt") configurations timed"
cp -r "$SEEDLING_CACHE_DIR/opencl/"sgemm-*.txt "$out/" 2>/dev/null && note "SGEMM autotune result copied"
unset SEEDLING_BACKEND
step "conformance" "${SUITE_TIMEOUT:-240}" conformance.txt "$java" "${jopts[@]}" -Xss4m \
  -cp "$here/tests/classes:$here/tests/*:$here/lib/*" dev.seedling.SuiteRunner
note "done; results in $final/gpu-out.tgz"
