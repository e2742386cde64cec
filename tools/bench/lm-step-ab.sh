#!/usr/bin/env bash
# Same-JVM A/B of the LM training step (issue 3's preset) between a git revision and this working tree:
#   tools/bench/lm-step-ab.sh <rev> [rounds] [steps-per-round]      (defaults 60 and 1)
# Builds both (the revision in a temporary worktree), loads each build's jars into a class loader of its own in one
# JVM, and lets the two models take turns (rounds of A B B A); does that twice, once with each build loaded first, and
# prints B/A (B = this tree, A = <rev>; below 1 means this tree is faster). Use it to judge a change: on the shared
# 2-vCPU build machine separate runs of `bench lm-step` drift by ±20–30 % within minutes. An A/A run (HEAD against
# itself) gave 1.005; single-order A/A runs gave 0.92–0.99, hence the two orders. Takes ~3 minutes.
# The driver (tools/bench/ab/StepDriver.java) needs TensorScope.keepGradients and Optimizer.releaseGradients in both
# builds (revisions from 9db05c0 on).
# GEMM mode: AB_GEMM=MxNxK:form (e.g. 1024x1024x1024:nn, 688x256x1024:tn) times products of that shape instead of the
# step (tools/bench/ab/gemm/StepDriver.java: about 2 GFLOP per "step"; ~2 minutes with 60 rounds). A/A runs gave
# 0.990 (1024x1024x1024:nn) and 0.984 (688x256x1024:tn): read differences under ±2 % as none.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# shellcheck source=../../.mvn/find-jdk.sh
. "$root/.mvn/find-jdk.sh"
seedling_find_jdk || exit 1
rev=${1:?usage: tools/bench/lm-step-ab.sh <rev> [rounds] [steps-per-round]}
rounds=${2:-60}
steps=${3:-1}
work=$(mktemp -d)
cleanup() {
  git -C "$root" worktree remove --force "$work/base" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

jars() {  # checkout, destination: the jars the step needs (no OpenCL, CLI or evaluation modules)
  mkdir -p "$2"
  for j in "$1"/module-cli/target/lib/*.jar; do
    case "$(basename "$j")" in
      seedling-api-*|seedling-cpu-simd-*|seedling-models-*|slf4j-api-*|jackson-*) cp "$j" "$2/" ;;
    esac
  done
}
echo "lm-step-ab: building this tree and $rev" >&2
"$root/mvnw" -q -B -DskipTests -pl module-cli -am package >&2
jars "$root" "$work/b"
git -C "$root" worktree add -q --detach "$work/base" "$rev"
(cd "$work/base" && ./mvnw -q -B -DskipTests -pl module-cli -am package >&2)
jars "$work/base" "$work/a"
driver=$root/tools/bench/ab/StepDriver.java
label=lm-step-ab
if [ -n "${AB_GEMM:-}" ]; then
  driver=$root/tools/bench/ab/gemm/StepDriver.java
  label="gemm-ab shape=$AB_GEMM"
fi
"$JAVA_HOME/bin/javac" -nowarn -d "$work/driver" -cp "$(ls "$work"/b/*.jar | tr '\n' ':')" "$driver"
"$JAVA_HOME/bin/javac" -nowarn -d "$work/harness" "$root/tools/bench/ab/LmStepAB.java"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores; A = $rev, B = this tree"
# Two JVMs, the builds loaded in both orders: the build loaded second ran 1–8 % faster in A/A runs (same code on both
# sides), so the estimate divides that out: B/A = sqrt(ratio(A first) / ratio(B first)), each ratio being
# second-loaded over first-loaded.
run() {  # first second
  "$JAVA_HOME/bin/java" --add-modules jdk.incubator.vector -Xms512m -Xmx1200m -XX:+UseSerialGC \
    -Dseedling.ab.gemm="${AB_GEMM:-}" \
    -cp "$work/harness" LmStepAB "$1" "$2" "$work/driver" "$rounds" "$steps" 2>/dev/null | tail -n 1
}
ab=$(run "$work/a" "$work/b")
echo "A loaded first: $ab"
ba=$(run "$work/b" "$work/a")
echo "B loaded first: $ba"
r1=$(sed -n 's/.*ratio_second_over_first=\([0-9.]*\).*/\1/p' <<<"$ab")
r2=$(sed -n 's/.*ratio_second_over_first=\([0-9.]*\).*/\1/p' <<<"$ba")
awk -v r1="$r1" -v r2="$r2" -v rev="$rev" -v label="$label" 'BEGIN {
  printf "%s B/A=%.3f (B = this tree, A = %s; below 1: this tree is faster; load-order bias %.3f)\n",
    label, sqrt(r1 / r2), rev, sqrt(r1 * r2) }'
