# Sourced (POSIX sh) by ./mvnw, ./privastream and .ci/run: exports JAVA_HOME pointing at a JDK 25+.
# Order: $JAVA_HOME if it is 25 or newer, then the newest /usr/lib/jvm/* (Linux) or
# /Library/Java/JavaVirtualMachines/*/Contents/Home (macOS) that is. The machine's default
# `java` is never assumed: on the reference machine it is 17, too old for this project.
privastream_jdk_major() {
  # Prints the feature version of the JDK at $1 (e.g. 25), or nothing if $1 is not a JDK.
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 0
  if [ -f "$1/release" ]; then
    sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release"
  else
    "$1/bin/java" -version 2>&1 | sed -n '1s/.*version "\([0-9]*\).*/\1/p'
  fi
}

privastream_find_jdk() {
  if [ -n "${JAVA_HOME-}" ]; then
    major=$(privastream_jdk_major "$JAVA_HOME")
    if [ -n "$major" ] && [ "$major" -ge 25 ]; then return 0; fi
  fi
  best=""; best_major=0
  # ./mvnw runs under `set -f`; globbing is needed for the directory scan below.
  case $- in *f*) privastream_noglob=1; set +f ;; *) privastream_noglob=0 ;; esac
  for candidate in /usr/lib/jvm/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -d "$candidate" ] || continue
    major=$(privastream_jdk_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge 25 ] && [ "$major" -gt "$best_major" ]; then
      best="$candidate"; best_major="$major"
    fi
  done
  [ "$privastream_noglob" = 1 ] && set -f
  if [ -z "$best" ]; then
    echo "privastream: no JDK 25 or newer found (looked at JAVA_HOME=${JAVA_HOME:-<unset>} and /usr/lib/jvm/*)." >&2
    echo "privastream: install one, e.g. Eclipse Temurin 25 (https://adoptium.net) or 'apt-get install temurin-25-jdk'," >&2
    echo "privastream: then set JAVA_HOME to its directory." >&2
    return 1
  fi
  JAVA_HOME="$best"
  export JAVA_HOME
}
