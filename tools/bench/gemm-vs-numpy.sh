#!/usr/bin/env bash
# Seedling's SGEMM beside numpy/OpenBLAS, in the same run: ROUNDS alternating rounds of `seedling bench gemm` and
# ../shared/bench/numpy_gemm.py over the same square sizes, then per size the median over rounds of each side's
# best-of-7 GFLOP/s (numpy_gemm.py's statistic) and their ratio. The load average is printed before and after:
# the build machine is shared, so only the ratio means much.
# Usage: tools/bench/gemm-vs-numpy.sh [SIZE ...]   (default 256 512 1024 2048)
# Environment: ROUNDS (default 5); THREADS (both sides, default 2); CLOCK=wall (default) or cpu: GFLOP per
# CPU-second of the whole process on both sides (numpy_gemm.py's loop timed with time.process_time), which a loaded
# machine disturbs far less than elapsed time.
# Peer: Debian python3-numpy over libopenblas0-pthread (apt-get install -y python3-numpy libopenblas0-pthread).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
peer="$root/../shared/bench/numpy_gemm.py"
python=${PYTHON:-/usr/bin/python3}
rounds=${ROUNDS:-5}
threads=${THREADS:-2}
clock=${CLOCK:-wall}
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(256 512 1024 2048)
[ -f "$peer" ] || { echo "gemm-vs-numpy: peer script $peer not found" >&2; exit 1; }
"$python" -c 'import numpy' 2>/dev/null || {
  echo "gemm-vs-numpy: $python has no numpy (apt-get install -y python3-numpy libopenblas0-pthread)" >&2; exit 1; }

log=$(mktemp)
trap 'rm -f "$log"' EXIT
peer_cmd=("$python" "$peer")
if [ "$clock" = cpu ]; then
  # numpy_gemm.py with the process's CPU time instead of perf_counter
  peer_cmd=("$python" -c "import sys, time; time.perf_counter = time.process_time; sys.argv = ['numpy_gemm.py'] + sys.argv[1:]; exec(open('$peer').read())")
fi
echo "threads=$threads clock=$clock rounds=$rounds load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
"$root/seedling" info >/dev/null 2>&1 || true     # build once, outside the timed rounds
for r in $(seq 1 "$rounds"); do
  # OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE force a slower kernel on the build machines: unset for the peer only
  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OPENBLAS_NUM_THREADS="$threads" "${peer_cmd[@]}" "${sizes[@]}" | sed "s/^/round=$r /" | tee -a "$log"
  sizes_csv=$(IFS=,; echo "${sizes[*]}")
  SEEDLING_JAVA_OPTS="-Dseedling.threads=$threads ${SEEDLING_JAVA_OPTS:-}" \
    "$root/seedling" bench gemm --size "$sizes_csv" --reps 7 --clock "$clock" 2>/dev/null | grep '^seedling gemm' \
    | sed "s/^/round=$r /" | tee -a "$log"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
"$python" - "$log" "${sizes[@]}" <<'PY'
import re, statistics, sys
log, sizes = sys.argv[1], sys.argv[2:]
peer, ours, ours_med = {}, {}, {}
for line in open(log):
    m = re.match(r"round=\d+ openblas (\d+) ([\d.]+)", line)
    if m:
        peer.setdefault(m[1], []).append(float(m[2]))
    m = re.match(r"round=\d+ seedling gemm (\d+) median_gflops=([\d.]+) best_gflops=([\d.]+)", line)
    if m:
        ours.setdefault(m[1], []).append(float(m[3]))
        ours_med.setdefault(m[1], []).append(float(m[2]))
for n in sizes:
    s, p = statistics.median(ours[n]), statistics.median(peer[n])
    print(f"gemm-vs-numpy size={n} seedling_gflops={s:.1f} openblas_gflops={p:.1f} ratio={s / p:.2f} "
          f"seedling_median_of_medians={statistics.median(ours_med[n]):.1f} rounds={len(ours[n])}")
PY
