#!/usr/bin/env bash
# Start-up cost of the agent: wall time and peak RSS of a whole hello-world JVM, without an agent,
# with tasklog (default settings: store on, console on) and with the OpenTelemetry Java agent
# (exporters off), over repeated runs; medians and ranges, and the difference to the plain JVM.
# Also a hello world whose main calls a @Run method, under tasklog.
#
#   bench/startup.sh [runs]          (from the repository root, after mvn -B install -DskipTests)
#
# Needs /usr/bin/time (Debian package "time"). OTEL_AGENT may point at another OpenTelemetry agent jar.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-20}
TASKLOG=$PWD/agent/target/tasklog.jar
ANNOTATIONS=$(ls "$PWD"/annotations/target/tasklog-annotations-*.jar | grep -v sources | head -1)
OTEL_AGENT=$(realpath -m "${OTEL_AGENT:-bench/target/otel/opentelemetry-javaagent.jar}")
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt-get install time)" >&2; exit 2; }
[ -f "$TASKLOG" ] || { echo "build first: mvn -B install -DskipTests" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
javac -d "$work/classes" -cp "$ANNOTATIONS" bench/startup/Hello.java bench/startup/HelloRun.java

# median of sorted numbers, one per line
median() {
  echo "$1" | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# measure NAME CLASS JVM-ARGS...: prints "NAME median-ms min-ms max-ms median-MiB"
measure() {
  local name=$1 main=$2
  shift 2
  local dir="$work/run-$RANDOM"
  mkdir -p "$dir"
  : > "$dir/samples"
  for _ in $(seq 1 "$RUNS"); do
    (cd "$dir" && /usr/bin/time -f "%e %M" -o "$dir/one" java "$@" -cp "$work/classes:$ANNOTATIONS" "$main" > /dev/null 2> "$dir/stderr")
    cat "$dir/one" >> "$dir/samples"
    rm -rf "$dir/tasklog-data"
  done
  local ms mib
  ms=$(awk '{ print $1 * 1000 }' "$dir/samples" | sort -n)
  mib=$(awk '{ print $2 / 1024 }' "$dir/samples" | sort -n)
  printf "%-44s %8.0f %8.0f %8.0f %10.1f\n" "$name" "$(median "$ms")" "$(echo "$ms" | head -1)" \
    "$(echo "$ms" | tail -1)" "$(median "$mib")"
}

echo "JDK: $(java -version 2>&1 | head -1); $(nproc) cores; $RUNS runs each; load average $(cut -d' ' -f1-3 /proc/loadavg)"
printf "%-44s %8s %8s %8s %10s\n" "JVM" "ms" "min" "max" "peak MiB"
results=$work/results
{
  measure "plain" Hello
  measure "tasklog" Hello "-javaagent:$TASKLOG"
  measure "tasklog, main calls a @Run method" HelloRun "-javaagent:$TASKLOG"
  if [ -f "$OTEL_AGENT" ]; then
    measure "OpenTelemetry agent (exporters none)" Hello "-javaagent:$OTEL_AGENT" -Dotel.traces.exporter=none \
      -Dotel.metrics.exporter=none -Dotel.logs.exporter=none
  else
    echo "(no OpenTelemetry agent at $OTEL_AGENT: build bench first)" >&2
  fi
} | tee "$results"
awk 'NR == 1 { t = $2; m = $NF } NR > 1 { name = $0; sub(/ +[0-9.]+ +[0-9.]+ +[0-9.]+ +[0-9.]+$/, "", name);
  printf "%-44s +%5.0f ms  +%5.1f MiB against plain\n", name, $(NF-3) - t, $NF - m }' "$results"
