#!/usr/bin/env bash
# Builds .gpu/ for a GPU host that has a driver but no JDK, Maven or network (see ../shared/guides/gpu.md):
#   .gpu/jre      a jlinked Java runtime (Vector API included)
#   .gpu/lib      the CLI and its runtime jars (seedling info, bench gemm, bench train-step)
#   .gpu/tests    the test classes and their jars, for the conformance suite via dev.seedling.SuiteRunner
#   .gpu/debs     the OpenCL ICD loader (ocl-icd-libopencl1), in case the host lacks libOpenCL.so.1
#   .gpu/run-on-gpu.sh, .gpu/torch_cuda_peer.py
# Usage: tools/gpu/package.sh   (then copy .gpu/ to the host and run .gpu/run-on-gpu.sh there as root)
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
rm -f .gpu/tests/lombok-*.jar .gpu/lib/lombok-*.jar   # compile-time only
cp -r module-tests/target/test-classes .gpu/tests/classes
"$JAVA_HOME/bin/jlink" --add-modules java.base,java.logging,java.management,java.net.http,java.sql,java.xml,java.instrument,java.naming,jdk.unsupported,jdk.incubator.vector \
  --strip-debug --no-header-files --no-man-pages --compress=zip-9 --output .gpu/jre
if command -v apt-get >/dev/null; then
  (cd .gpu/debs && apt-get download ocl-icd-libopencl1 >/dev/null 2>&1) || echo "package.sh: could not download ocl-icd-libopencl1; the host must have libOpenCL.so.1" >&2
fi
cp tools/gpu/run-on-gpu.sh tools/gpu/torch_cuda_peer.py .gpu/
git rev-parse HEAD > .gpu/COMMIT 2>/dev/null || true
du -sh .gpu .gpu/* | sed 's/^/package.sh: /'
