#!/usr/bin/env bash
# JMH: every fused kernel of the CPU backend against its composite on the same backend (forward + backward at the
# LM preset's shapes). Usage: tools/bench/fused-kernels.sh [op ...]  (ops: see FusedKernelBenchmark's @Param).
# Builds module-tests' test classes, then runs JMH with a short warm-up (3×1 s) and 5×1 s measurements.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
./mvnw -B -q -pl module-tests -am test-compile -DskipTests >&2
cp_file=$(mktemp)
./mvnw -B -q -pl module-tests dependency:build-classpath -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test >&2
. "$root/.mvn/find-jdk.sh"
seedling_find_jdk
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
"$JAVA_HOME/bin/java" --add-modules jdk.incubator.vector -cp "module-tests/target/test-classes:$(cat "$cp_file")" \
  dev.seedling.bench.fused.FusedKernelBenchmark "$@" 2>&1 | grep -E '^(Benchmark|FusedKernelBenchmark)' 
rm -f "$cp_file"
