# shellcheck shell=sh
# Sourced by ./mvnw, ./seedling and .ci/run: points JAVA_HOME at a JDK >= 21, or fails saying where it looked.
# Order: $JAVA_HOME if it is a JDK >= 21; then the newest JDK >= 21 under /usr/lib/jvm, /opt/java, ~/.sdkman and
# ~/.jdks; then the `javac` on PATH.

seedling_jdk_major() {
  # prints the feature version of the JDK at $1 (e.g. 25), or nothing when $1 is not a JDK
  [ -x "$1/bin/javac" ] && [ -x "$1/bin/java" ] || return 0
  if [ -f "$1/release" ]; then
    sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" | head -n 1
  else
    "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p'
  fi
}

seedling_find_jdk() {
  _need=21
  if [ -n "${JAVA_HOME:-}" ]; then
    _v=$(seedling_jdk_major "$JAVA_HOME")
    if [ -n "$_v" ] && [ "$_v" -ge "$_need" ]; then return 0; fi
    echo "seedling: JAVA_HOME=$JAVA_HOME is not a JDK >= $_need (version '${_v:-none}'); looking elsewhere" >&2
  fi
  _best=""; _bestv=0
  case $- in *f*) _noglob=1; set +f ;; *) _noglob=0 ;; esac   # mvnw runs with globbing off
  for _d in /usr/lib/jvm/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/*; do
    [ -d "$_d" ] || continue
    _v=$(seedling_jdk_major "$_d")
    if [ -n "$_v" ] && [ "$_v" -ge "$_need" ] && [ "$_v" -gt "$_bestv" ]; then _best=$_d; _bestv=$_v; fi
  done
  [ "$_noglob" = 1 ] && set -f
  if [ -z "$_best" ] && command -v javac >/dev/null 2>&1; then
    _d=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    _v=$(seedling_jdk_major "$_d")
    if [ -n "$_v" ] && [ "$_v" -ge "$_need" ]; then _best=$_d; fi
  fi
  if [ -z "$_best" ]; then
    echo "seedling: no JDK >= $_need found (looked at JAVA_HOME, /usr/lib/jvm/*, /opt/java/*, ~/.sdkman, ~/.jdks and javac on PATH)." >&2
    echo "seedling: install one (for example Temurin 21 or 25) and set JAVA_HOME to it." >&2
    return 1
  fi
  JAVA_HOME=$_best
  export JAVA_HOME
}
