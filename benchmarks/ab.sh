#!/usr/bin/env bash
# Before against after, interleaved: is a change to the library worth keeping?
#
#   benchmarks/ab.sh BEFORE_JAR AFTER_JAR REGEXP [ROUNDS]
#
# Runs the benchmarks matching REGEXP (a JMH regexp, e.g. 'S(4Join|5Zip)\.aiter$') with each of two
# benchmarks.jar builds (README.md, "Before and after", says how to build one against a given
# library), one fork of each per round, the order of the two swapped every round, ROUNDS rounds
# (default 6), and prints per benchmark the ratio after / before with a 95 % interval.
#
# Why not two runs of run.sh: on a shared machine the speed drifts by a quarter within minutes,
# and two runs one after the other measure the drift as much as the change. Here both builds are
# measured in every round, close in time, and the interval is taken over the per-round ratios
# (paired), so a drift common to both cancels out. An interval that contains 1 has not decided.
#
# Settings (environment): WARMUP iterations (3), ITER measurement iterations (4), TIME (1s).
set -euo pipefail

if [ $# -lt 3 ]; then
  sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
fi
BEFORE="$1"
AFTER="$2"
REGEXP="$3"
ROUNDS="${4:-6}"
WARMUP="${WARMUP:-3}"
ITER="${ITER:-4}"
TIME="${TIME:-1s}"
for jar in "$BEFORE" "$AFTER"; do
  [ -f "$jar" ] || { echo "no such jar: $jar" >&2; exit 2; }
done
if ! [ "$ROUNDS" -ge 2 ] 2>/dev/null; then
  echo "ROUNDS must be 2 or more (an interval needs two ratios), was '$ROUNDS'" >&2
  exit 2
fi

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

run() { # jar, label, round
  java -jar "$1" "$REGEXP" -f 1 -wi "$WARMUP" -w "$TIME" -i "$ITER" -r "$TIME" \
    -jvmArgs "-Xms2g -Xmx2g -XX:+AlwaysPreTouch" -rf csv -rff "$WORK/$2-$3.csv" > "$WORK/$2-$3.log" 2>&1 \
    || { echo "JMH failed with $1; its output:" >&2; tail -20 "$WORK/$2-$3.log" >&2; exit 1; }
}

for round in $(seq 1 "$ROUNDS"); do
  if [ $((round % 2)) -eq 1 ]; then
    run "$BEFORE" before "$round"; run "$AFTER" after "$round"
  else
    run "$AFTER" after "$round"; run "$BEFORE" before "$round"
  fi
  echo "round $round of $ROUNDS done" >&2
done

# One line per benchmark and round: name, before score, after score (JMH's CSV: name, mode,
# threads, samples, score, error, unit).
for round in $(seq 1 "$ROUNDS"); do
  join -t, <(tail -n +2 "$WORK/before-$round.csv" | cut -d, -f1,5 | sort) \
           <(tail -n +2 "$WORK/after-$round.csv" | cut -d, -f1,5 | sort)
done | tr -d '"' > "$WORK/pairs.csv"

# Each round's pair first, so that a bimodal benchmark (two ways the JIT compiles it, one per
# fork) shows as such rather than only as a wide interval.
awk -F, '{ printf "%-40s before %8.1f  after %8.1f  ratio %.2f\n", $1, $2 / 1e6, $3 / 1e6, $3 / $2 }' \
  "$WORK/pairs.csv" | sort -s -k1,1
echo
awk -F, '
  # Student t, two-sided 95 %, by degrees of freedom (ROUNDS - 1); about 2.1 beyond the table.
  BEGIN { split("12.71 4.30 3.18 2.78 2.57 2.45 2.36 2.31 2.26 2.23 2.20 2.18 2.16 2.14 2.13", t, " ") }
  { name[$1] = 1; n[$1]++; b[$1] += $2; a[$1] += $3; l = log($3 / $2); s[$1] += l; ss[$1] += l * l }
  END {
    printf "%-40s %12s %12s %8s %20s\n", "benchmark", "before M/s", "after M/s", "after/before", "95 % interval"
    for (k in name) {
      m = s[k] / n[k]; v = (ss[k] - n[k] * m * m) / (n[k] - 1); if (v < 0) v = 0
      df = n[k] - 1; tv = df <= 15 ? t[df] : 2.1; h = tv * sqrt(v / n[k])
      printf "%-40s %12.1f %12.1f %8.2f %11.2f .. %.2f\n", k, b[k] / n[k] / 1e6, a[k] / n[k] / 1e6,
        exp(m), exp(m - h), exp(m + h)
    }
  }' "$WORK/pairs.csv" | sort
