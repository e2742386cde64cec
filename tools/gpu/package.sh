#!/usr/bin/env bash
# Builds .gpu/ for a GPU host that has a driver but no JDK, Maven or network (see ../shared/guides/gpu.md):
#   .gpu/jre      a jlinked Java runtime (Vector API included)
#   .gpu/lib      the CLI and its runtime jars (seedling info, bench gemm, bench train-step)
#   .gpu/tests    the test classes and the test-only jars, for the conformance suite via dev.seedling.SuiteRunner
#   .gpu/debs     the OpenCL ICD loader (ocl-icd-libopencl1), in case the host lacks libOpenCL.so.1
#   .gpu/run-on-gpu.sh, .gpu/torch_cuda_peer.py
# Usage: tools/gpu/package.sh   (then copy .gpu/ to the host and run .gpu/run-on-gpu.sh there as root)
# Kept under 55 MB (the device tool carries at most 64 MiB): no jar twice, no benchmark-only jars, a small runtime.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
# shellcheck source=../../.mvn/find-jdk.sh
. .mvn/find-jdk.sh
seedling_find_jdk
exclude=$(git rev-parse --git-path info/exclude)
mkdir -p "$(dirname "$exclude")"
grep -qx '/.gpu/' "$exclude" 2>/dev/null || echo '/.gpu/' >> "$exclude"

rm -rf .gpu
mkdir -p .gpu/lib .gpu/tests .gpu/debs
# one build: every module packaged, and every module's test-scope jars (seedling's own included) in .gpu/tests
./mvnw -q -B -DskipTests -pl module-cli,module-tests -am package dependency:copy-dependencies -DincludeScope=test \
  -DoutputDirectory="$root/.gpu/tests"
cp module-cli/target/seedling-cli-*.jar module-cli/target/lib/*.jar .gpu/lib/
rm -f .gpu/lib/lombok-*.jar   # compile-time only
# .gpu/tests keeps only what the suite adds to .gpu/lib (run-on-gpu.sh puts both on the class path): not the jars lib
# already has, not Lombok, not JMH and its dependencies (SuiteRunner runs no benchmark), not byte-buddy (AssertJ needs
# it only for soft assertions and its own assumptions, which the suite does not use)
for jar in .gpu/lib/*.jar; do rm -f ".gpu/tests/$(basename "$jar")"; done
rm -f .gpu/tests/lombok-*.jar .gpu/tests/jmh-*.jar .gpu/tests/commons-math3-*.jar .gpu/tests/jopt-simple-*.jar \
  .gpu/tests/byte-buddy-*.jar
# the test classes without the benchmarks and with only the fixtures SuiteRunner's default packages read
cp -r module-tests/target/test-classes .gpu/tests/classes
rm -rf .gpu/tests/classes/dev/seedling/bench .gpu/tests/classes/META-INF/BenchmarkList \
  .gpu/tests/classes/META-INF/CompilerHints
find .gpu/tests/classes/fixtures -mindepth 1 -maxdepth 1 ! -name ops -exec rm -rf {} +
# the runtime's modules are what `jdeps --print-module-deps` finds in .gpu/lib and the suite (java.logging for JOCL and
# JUnit, jdk.management for the benchmarks' CPU time, java.net.http and jdk.httpserver for the CLI's chat client and
# server) plus the Vector API, jdk.unsupported and jdk.zipfs (JUnit scans the class path through it). The native libraries' symbol tables go too (libjvm.so keeps its
# dynamic symbols and loses 5 MB; only a crash log's stack would show fewer names).
"$JAVA_HOME/bin/jlink" --add-modules java.base,java.logging,java.net.http,jdk.httpserver,jdk.management,jdk.unsupported,jdk.incubator.vector,jdk.zipfs \
  --strip-debug --no-header-files --no-man-pages --compress=zip-9 --output .gpu/jre
if command -v strip >/dev/null; then
  find .gpu/jre -name '*.so' -exec chmod u+w {} + -exec strip --strip-unneeded {} +
else
  echo "package.sh: no strip (binutils); the JRE keeps its symbol tables and is 5 MB larger" >&2
fi
if command -v apt-get >/dev/null; then
  (cd .gpu/debs && apt-get download ocl-icd-libopencl1 >/dev/null 2>&1) || echo "package.sh: could not download ocl-icd-libopencl1; the host must have libOpenCL.so.1" >&2
fi
cp tools/gpu/run-on-gpu.sh tools/gpu/torch_cuda_peer.py .gpu/
git rev-parse HEAD > .gpu/COMMIT 2>/dev/null || true
du -sh .gpu .gpu/* | sed 's/^/package.sh: /'
