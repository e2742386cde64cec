#!/usr/bin/env bash
# The LM training-step benchmark of issue 3, Seedling and PyTorch in the same run:
#   tools/bench/lm-step-vs-torch.sh [steps]
# Runs `seedling bench lm-step` (median ms per step after warm-up, peak RSS) and ../shared/bench/torch_lm_step.py
# (its mean ms per step, with 1 and 2 intra-op threads; the faster counts) on the same preset, then prints the ratios.
# PyTorch's peak RSS is ru_maxrss of the Python process. Needs Debian python3-torch and libopenblas0-pthread
# (apt-get install -y python3-torch libopenblas0-pthread). The machine may be shared: quote the load average.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
steps=${1:-10}
torch_script=${TORCH_LM_STEP:-$root/../shared/bench/torch_lm_step.py}
[ -f "$torch_script" ] || { echo "lm-step-vs-torch: $torch_script not found (set TORCH_LM_STEP)" >&2; exit 1; }
/usr/bin/python3 -c 'import torch' 2>/dev/null \
  || { echo "lm-step-vs-torch: PyTorch missing: apt-get install -y python3-torch libopenblas0-pthread" >&2; exit 1; }

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
# a heap cap keeps the JVM from growing far past its live set (the peak RSS compared below)
seedling_line=$(SEEDLING_JAVA_OPTS="${SEEDLING_JAVA_OPTS:--Xms256m -Xmx768m -XX:+UseParallelGC}" \
  "$root/seedling" bench lm-step --steps "$steps" 2>/dev/null | grep '^seedling lm-step')
echo "$seedling_line"

torch_run() {
  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OMP_NUM_THREADS="$1" /usr/bin/python3 -c '
import resource, runpy, sys, torch
torch.set_num_threads(int(sys.argv[2]))
sys.argv = [sys.argv[1]]
runpy.run_path(sys.argv[0], run_name="__main__")
print("torch_peak_rss_mb=%.1f" % (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024))
' "$torch_script" "$1" | tr '\n' ' '
  echo
}
best_ms=""
best_rss=""
for threads in 1 2; do
  line=$(torch_run "$threads")
  echo "$line"
  ms=$(sed -n 's/.*step_ms=\([0-9.]*\).*/\1/p' <<<"$line")
  rss=$(sed -n 's/.*torch_peak_rss_mb=\([0-9.]*\).*/\1/p' <<<"$line")
  if [ -z "$best_ms" ] || awk -v a="$ms" -v b="$best_ms" 'BEGIN{exit !(a<b)}'; then best_ms=$ms; best_rss=$rss; fi
done
s_ms=$(sed -n 's/.*median_ms=\([0-9.]*\).*/\1/p' <<<"$seedling_line")
s_rss=$(sed -n 's/.*peak_rss_mb=\([0-9.]*\).*/\1/p' <<<"$seedling_line")
awk -v s="$s_ms" -v t="$best_ms" -v sr="$s_rss" -v tr="$best_rss" 'BEGIN {
  printf "lm-step seedling_ms=%s torch_ms=%s time_ratio=%.2f (target <= 0.5) seedling_rss_mb=%s torch_rss_mb=%s rss_ratio=%.2f (target <= 1)\n",
    s, t, s / t, sr, tr, sr / tr }'
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
