#!/usr/bin/env bash
# Every fused kernel of the CPU (or OpenCL) backend against its composite on the same backend (forward + backward at the LM
# preset's shapes). Usage:
#   tools/bench/fused-kernels.sh [op ...]        JMH, wall clock (3×1 s warm-up, 5×1 s measured, per op and path)
#   tools/bench/fused-kernels.sh --cpu [n [op ...]]  interleaved fused/composite calls, median thread CPU time of n
#                                                each, one thread: for machines loaded beyond their cores
#   tools/bench/fused-kernels.sh --opencl [n [op ...]]  the same interleaving on the OpenCL backend, in wall-clock
#                                                time (each call ends with a read from the device)
# (ops: see FusedKernelBenchmark's @Param).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
cp_file=$(mktemp)
# one reactor build: the class path of module-tests then names the other modules by their target/classes, so no
# seedling jar needs to be installed (each module writes the file in turn; module-tests comes last)
./mvnw -B -q -o -pl module-tests -am test-compile dependency:build-classpath -DskipTests \
  -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test >&2
# this checkout's modules, never the (possibly stale) seedling jars a local repository may hold
seedling_classes=$(ls -d "$root"/module-*/target/classes | tr '\n' ':')
external=$(tr ':' '\n' <"$cp_file" | grep -v '/dev/seedling/' | tr '\n' ':')
. "$root/.mvn/find-jdk.sh"
seedling_find_jdk
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
cp="module-tests/target/test-classes:$seedling_classes$external"
if [ "${1:-}" = "--opencl" ]; then
  shift
  SEEDLING_BACKEND=opencl "$JAVA_HOME/bin/java" --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED \
    -Dseedling.bench.clock=wall -Xmx1g -cp "$cp" dev.seedling.bench.fused.FusedKernelCpuTime "$@" 2>&1 \
    | grep -E '^(threads|fused-kernel)'
elif [ "${1:-}" = "--cpu" ]; then
  shift
  "$JAVA_HOME/bin/java" --add-modules jdk.incubator.vector -Dseedling.threads=1 -Xmx1g ${BENCH_JAVA_OPTS:-} -cp "$cp" \
    dev.seedling.bench.fused.FusedKernelCpuTime "$@" 2>&1 | grep -E '^(threads|fused-kernel)'
else
  "$JAVA_HOME/bin/java" --add-modules jdk.incubator.vector -cp "$cp" \
    dev.seedling.bench.fused.FusedKernelBenchmark "$@" 2>&1 | grep -E '^(Benchmark|FusedKernelBenchmark)'
fi
rm -f "$cp_file"
