#!/usr/bin/env bash
# The LM training-step benchmark of issue 3, Seedling and PyTorch in the same run:
#   tools/bench/lm-step-vs-torch.sh [steps]          ROUNDS=n (default 3) alternating rounds
# Runs `seedling bench lm-step` (median ms per step after warm-up, CPU ms per step, peak RSS) and
# ../shared/bench/torch_lm_step.py (its mean ms per step) on the same preset, then prints the ratios. PyTorch runs once
# per thread setting in TORCH_CONFIGS, each "intra:blas" (torch.set_num_threads / OMP_NUM_THREADS, and
# OPENBLAS_NUM_THREADS for the OpenBLAS its products go through), and the fastest counts. Default "1:1 1:2 2:1": on
# the 2-vCPU build machine 1:2 (one intra-op thread, products on two BLAS threads) is PyTorch's fastest, 1:1 and 2:1
# are up to 50 % slower, and 2:2 about twice as slow (the OpenMP and OpenBLAS thread pools spin against each other).
# Until 2026-11-27 15:50 the script ran only 1:1 (OMP_NUM_THREADS also capped OpenBLAS at one thread).
# Seedling's line also gives its process CPU ms per step (every thread, a worker's wait-spinning included).
# PyTorch's peak RSS is ru_maxrss of the Python process. Needs Debian python3-torch and libopenblas0-pthread
# (apt-get install -y python3-torch libopenblas0-pthread). Quote the load average printed with the figures.
# The shared build machine's speed drifts by tens of percent within minutes, so the two sides alternate for ROUNDS
# rounds and the summary gives the median over rounds of each figure and of the per-round ratios. Each round first
# prints `seedling bench fma` (peak FMA GFLOP/s on one thread and on all), the ceiling the machine gave then.
# Seedling's JVM runs with SEEDLING_JAVA_OPTS (default -Xms128m -Xmx320m -XX:+UseSerialGC: the heap cap keeps the
# JVM from growing far past its live set; at 320 MB the CPU array pool (half the heap) holds a whole step's recycled
# activations and gradients, so the steady state allocates almost nothing — at 256 MB it dropped ~30 arrays a step,
# collected ~4x as long and peaked ~10 MB higher in RSS).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
steps=${1:-10}
torch_script=${TORCH_LM_STEP:-$root/../shared/bench/torch_lm_step.py}
[ -f "$torch_script" ] || { echo "lm-step-vs-torch: $torch_script not found (set TORCH_LM_STEP)" >&2; exit 1; }
/usr/bin/python3 -c 'import torch' 2>/dev/null \
  || { echo "lm-step-vs-torch: PyTorch missing: apt-get install -y python3-torch libopenblas0-pthread" >&2; exit 1; }

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
rounds=${ROUNDS:-3}
torch_run() {  # intra-op threads, BLAS threads
  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OMP_NUM_THREADS="$1" OPENBLAS_NUM_THREADS="$2" /usr/bin/python3 -c '
import resource, runpy, sys, torch
script, intra, blas = sys.argv[1:4]
torch.set_num_threads(int(intra))
sys.argv = [script]
runpy.run_path(script, run_name="__main__")
print("blas_threads=%s torch_peak_rss_mb=%.1f" % (blas, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024))
' "$torch_script" "$1" "$2" | tr '\n' ' '
  echo
}
field() {  # name line
  sed -n "s/.*$1=\([0-9.]*\).*/\1/p" <<<"$2"
}
rows=()
for r in $(seq 1 "$rounds"); do
  # the machine's FMA ceiling right now, one thread and all: on a shared VM the second vCPU sometimes adds little
  fma=$("$root/seedling" bench fma 2>/dev/null | grep '^seedling fma' | sed 's/seedling fma //; s/ lanes=.*//' | tr '\n' ' ')
  echo "round=$r machine fma: $fma"
  # a heap cap keeps the JVM from growing far past its live set (the peak RSS compared below)
  seedling_line=$(SEEDLING_JAVA_OPTS="${SEEDLING_JAVA_OPTS:--Xms128m -Xmx320m -XX:+UseSerialGC}" \
    "$root/seedling" bench lm-step --steps "$steps" 2>/dev/null | grep '^seedling lm-step')
  echo "round=$r $seedling_line"
  best_ms=""
  best_rss=""
  for config in ${TORCH_CONFIGS:-1:1 1:2 2:1}; do
    line=$(torch_run "${config%%:*}" "${config##*:}")
    echo "round=$r $line"
    ms=$(field step_ms "$line")
    if [ -z "$best_ms" ] || awk -v a="$ms" -v b="$best_ms" 'BEGIN{exit !(a<b)}'; then
      best_ms=$ms; best_rss=$(field torch_peak_rss_mb "$line")
    fi
  done
  rows+=("$(field median_ms "$seedling_line") $best_ms $(field peak_rss_mb "$seedling_line") $best_rss $(field cpu_ms "$seedling_line")")
done
printf '%s\n' "${rows[@]}" | awk -v n="$rounds" '
  function median(a, k,   i, j, t) { for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
                                      return k % 2 ? a[(k + 1) / 2] : (a[k / 2] + a[k / 2 + 1]) / 2 }
  { s[NR] = $1; t[NR] = $2; sr[NR] = $3; tr[NR] = $4; sc[NR] = $5; q[NR] = $1 / $2; m[NR] = $3 / $4 }
  END { printf "lm-step rounds=%d seedling_ms=%.1f torch_ms=%.1f time_ratio=%.2f (median of per-round ratios; target <= 0.5) seedling_cpu_ms=%.1f seedling_rss_mb=%.1f torch_rss_mb=%.1f rss_ratio=%.2f (target <= 1)\n",
          n, median(s, n), median(t, n), median(q, n), median(sc, n), median(sr, n), median(tr, n), median(m, n) }'
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
