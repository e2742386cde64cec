#!/usr/bin/env bash
# The LM training-step benchmark of issue 3, Seedling and PyTorch in the same run:
#   tools/bench/lm-step-vs-torch.sh [steps]
# Runs `seedling bench lm-step` (median ms per step after warm-up, CPU ms per step, peak RSS) and
# ../shared/bench/torch_lm_step.py (its mean ms per step, for each intra-op thread count in TORCH_THREADS, default
# "1": its fastest setting on the 2-core build machine; the fastest counts) on the same preset, then prints the ratios.
# On a shared machine wall time also counts waiting for a core, so both sides are also measured in process CPU time:
# PyTorch by running its unchanged script once more with time.perf_counter replaced by time.process_time.
# PyTorch's peak RSS is ru_maxrss of the Python process. Needs Debian python3-torch and libopenblas0-pthread
# (apt-get install -y python3-torch libopenblas0-pthread). Quote the load average printed with the figures.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
steps=${1:-10}
torch_script=${TORCH_LM_STEP:-$root/../shared/bench/torch_lm_step.py}
[ -f "$torch_script" ] || { echo "lm-step-vs-torch: $torch_script not found (set TORCH_LM_STEP)" >&2; exit 1; }
/usr/bin/python3 -c 'import torch' 2>/dev/null \
  || { echo "lm-step-vs-torch: PyTorch missing: apt-get install -y python3-torch libopenblas0-pthread" >&2; exit 1; }

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
# a heap cap keeps the JVM from growing far past its live set (the peak RSS compared below)
seedling_line=$(SEEDLING_JAVA_OPTS="${SEEDLING_JAVA_OPTS:--Xms128m -Xmx320m -XX:+UseSerialGC}" \
  "$root/seedling" bench lm-step --steps "$steps" 2>/dev/null | grep '^seedling lm-step')
echo "$seedling_line"

torch_run() {  # threads, clock (wall | cpu)
  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OMP_NUM_THREADS="$1" /usr/bin/python3 -c '
import resource, runpy, sys, time, torch
torch.set_num_threads(int(sys.argv[2]))
if sys.argv[3] == "cpu":
    time.perf_counter = time.process_time
sys.argv = [sys.argv[1]]
runpy.run_path(sys.argv[0], run_name="__main__")
print("torch_peak_rss_mb=%.1f" % (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024))
' "$torch_script" "$1" "$2" | tr '\n' ' '
  echo
}
best_ms=""
best_rss=""
best_threads=1
for threads in ${TORCH_THREADS:-1}; do
  line=$(torch_run "$threads" wall)
  echo "$line"
  ms=$(sed -n 's/.*step_ms=\([0-9.]*\).*/\1/p' <<<"$line")
  rss=$(sed -n 's/.*torch_peak_rss_mb=\([0-9.]*\).*/\1/p' <<<"$line")
  if [ -z "$best_ms" ] || awk -v a="$ms" -v b="$best_ms" 'BEGIN{exit !(a<b)}'; then
    best_ms=$ms; best_rss=$rss; best_threads=$threads
  fi
done
cpu_line=$(torch_run "$best_threads" cpu)
echo "cpu clock: $cpu_line"
t_cpu=$(sed -n 's/.*step_ms=\([0-9.]*\).*/\1/p' <<<"$cpu_line")
s_ms=$(sed -n 's/.*median_ms=\([0-9.]*\).*/\1/p' <<<"$seedling_line")
s_rss=$(sed -n 's/.*peak_rss_mb=\([0-9.]*\).*/\1/p' <<<"$seedling_line")
s_cpu=$(sed -n 's/.*cpu_ms=\([0-9.]*\).*/\1/p' <<<"$seedling_line")
awk -v s="$s_ms" -v t="$best_ms" -v sc="$s_cpu" -v tc="$t_cpu" -v sr="$s_rss" -v tr="$best_rss" 'BEGIN {
  printf "lm-step seedling_ms=%s torch_ms=%s time_ratio=%.2f (target <= 0.5) seedling_cpu_ms=%s torch_cpu_ms=%s cpu_ratio=%.2f seedling_rss_mb=%s torch_rss_mb=%s rss_ratio=%.2f (target <= 1)\n",
    s, t, s / t, sc, tc, sc / tc, sr, tr, sr / tr }'
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
