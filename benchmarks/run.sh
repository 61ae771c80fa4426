#!/usr/bin/env bash
# Runs the vertx-aiter benchmark suite and regenerates BENCHMARKS.md and benchmarks/chart.svg.
#
#   benchmarks/run.sh            build, check every contender once, run JMH, write the report
#   benchmarks/run.sh --report   only regenerate the report from benchmarks/results/
#
# Settings (environment): FORKS (1; run as that many rounds of one fork of every benchmark, see
# README.md, "Forks in rounds"), WARMUP iterations (3), ITER measurement iterations (5),
# TIME per iteration (1s), INCLUDE (JMH regexp of benchmarks, default all), STALL_SECONDS
# (bounded wait of the check, 10). The defaults are the short settings: a first picture only.
# For figures that decide (a target met or not, before against after), run at least
#
#   FORKS=2 ITER=8 benchmarks/run.sh
#
# (two JVMs per benchmark, so the interval covers how the JIT compiled each one: see README.md,
# "Why the floor was beaten").
#
# Before and after: BEFORE_JAR=<a benchmarks.jar built against an earlier library> also runs the
# vertx-aiter rows (BEFORE_INCLUDE) with that jar, the same settings and in the same rounds, and
# BENCHMARKS.md gets a before/after table; BEFORE_LABEL names the earlier library there.
# README.md says how to build it.
set -euo pipefail

BENCH="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$BENCH/.." && pwd)"
RESULTS="$BENCH/results"
JAR="$BENCH/target/benchmarks.jar"

FORKS="${FORKS:-1}"
WARMUP="${WARMUP:-3}"
ITER="${ITER:-5}"
TIME="${TIME:-1s}"
INCLUDE="${INCLUDE:-dev\.aiter\.bench\.S}"
STALL_SECONDS="${STALL_SECONDS:-10}"
BEFORE_JAR="${BEFORE_JAR:-}"
BEFORE_INCLUDE="${BEFORE_INCLUDE:-bench\.S[0-9]+[A-Za-z]*\.aiter\$}"
BEFORE_LABEL="${BEFORE_LABEL:-an earlier library}"
# The heap is fixed and touched before the first iteration: without AlwaysPreTouch, every young
# region first used during the trial pays the kernel's page faults, and a scenario that allocates
# per item measures them for its first seconds (README.md, "Why the floor was beaten").
JVM_ARGS="-Xms2g -Xmx2g -XX:+AlwaysPreTouch"

if ! [ "$FORKS" -ge 1 ] 2>/dev/null; then
  # -f 0 runs every contender in one JVM, one after the other: the shared source, Run and the
  # consumers' call sites then carry the profiles of the contenders before (megamorphic), and
  # each figure depends on its position in the run.
  echo "FORKS must be 1 or more (a JMH fork per benchmark), was '$FORKS'" >&2
  exit 2
fi

COMMAND="FORKS=$FORKS WARMUP=$WARMUP ITER=$ITER TIME=$TIME"
[ "$INCLUDE" != 'dev\.aiter\.bench\.S' ] && COMMAND="$COMMAND INCLUDE='$INCLUDE'"
COMMAND="$COMMAND benchmarks/run.sh"

report() {
  java -cp "$JAR" dev.aiter.bench.report.Report "$RESULTS/jmh.json" "$RESULTS/preflight.json" \
    "$ROOT/BENCHMARKS.md" "$BENCH/chart.svg" "$RESULTS/env.txt" "$COMMAND" "$RESULTS/before.json"
}

if [ "${1:-}" = "--report" ]; then
  COMMAND="$(sed -n 's/^command: //p' "$RESULTS/env.txt")"
  report
  exit 0
fi

echo "== building vertx-aiter ($ROOT) and installing it into the local Maven repository"
mvn -B -q -Dstyle.color=never -f "$ROOT/pom.xml" install -DskipTests
echo "== building the benchmarks"
mvn -B -q -Dstyle.color=never -f "$BENCH/pom.xml" clean package

mkdir -p "$RESULTS"
# whether the measured code (the library and the suite, not the results) differs from HEAD
DIRTY="$(git -C "$ROOT" status --porcelain -- . ':!benchmarks/results' ':!benchmarks/chart.svg' \
  ':!BENCHMARKS.md' 2>/dev/null | head -1)"
{
  echo "command: $COMMAND"
  echo "nproc: $(nproc)"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | sed 's/.*: //' || echo unknown)"
  echo "memory: $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo 2>/dev/null || echo unknown)"
  echo "os: $(uname -sr)"
  java -version 2>&1 | sed 's/^/java -version: /'
  echo "git: $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)${DIRTY:+ (with uncommitted changes)}"
  echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"
} > "$RESULTS/env.txt"

echo "== checking every contender once (bounded wait ${STALL_SECONDS}s)"
java -cp "$JAR" dev.aiter.bench.Preflight "$RESULTS/preflight.json" "$RESULTS/excludes.txt" \
  "$STALL_SECONDS" "$INCLUDE"

EXCLUDES=()
while IFS= read -r pattern; do
  [ -n "$pattern" ] && EXCLUDES+=(-e "$pattern")
done < "$RESULTS/excludes.txt"

# The forks run in rounds, one fork of every benchmark per round (the earlier library's rows
# too), and are merged afterwards as if JMH had run them with -f $FORKS: JMH alone runs all forks
# of one benchmark back to back, so on a machine whose speed drifts over minutes two contenders
# were measured in different stretches of the drift, and the before rows an hour after the rest
# (README.md, "Forks in rounds").
ROUNDS="$RESULTS/rounds"
rm -rf "$ROUNDS" "$RESULTS/before.json"
mkdir -p "$ROUNDS"
: > "$RESULTS/jmh.log"
if [ -n "$BEFORE_JAR" ]; then
  : > "$RESULTS/before.log"
fi
for round in $(seq 1 "$FORKS"); do
  echo "== round $round of $FORKS: running JMH: $COMMAND"
  java -jar "$JAR" "$INCLUDE" "${EXCLUDES[@]}" \
    -f 1 -wi "$WARMUP" -w "$TIME" -i "$ITER" -r "$TIME" \
    -jvmArgs "$JVM_ARGS" -prof gc \
    -rf json -rff "$ROUNDS/jmh-$round.json" | tee -a "$RESULTS/jmh.log"
  if [ -n "$BEFORE_JAR" ]; then
    echo "== round $round of $FORKS: the vertx-aiter rows with $BEFORE_JAR ($BEFORE_LABEL)"
    java -jar "$BEFORE_JAR" "$BEFORE_INCLUDE" \
      -f 1 -wi "$WARMUP" -w "$TIME" -i "$ITER" -r "$TIME" \
      -jvmArgs "$JVM_ARGS" -prof gc \
      -rf json -rff "$ROUNDS/before-$round.json" | tee -a "$RESULTS/before.log"
  fi
done
merge_rounds() { # name: the rounds' results/<name>-<round>.json, in round order, into results/<name>.json
  java -cp "$JAR" dev.aiter.bench.report.MergeRounds "$RESULTS/$1.json" \
    $(for round in $(seq 1 "$FORKS"); do echo "$ROUNDS/$1-$round.json"; done)
}
merge_rounds jmh
if [ -n "$BEFORE_JAR" ]; then
  merge_rounds before
  echo "before: $BEFORE_LABEL (its rows measured in the same rounds)" >> "$RESULTS/env.txt"
fi
rm -rf "$ROUNDS"

echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)" \
  >> "$RESULTS/env.txt"
report
