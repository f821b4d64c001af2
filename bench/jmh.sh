#!/usr/bin/env bash
# Compiles the JMH benchmarks (src/jmh/java, Maven profile "benchmarks") and runs them. Arguments go to
# JMH, for example:
#
#   bench/jmh.sh                                   # everything (about 10 minutes)
#   bench/jmh.sh LogisticLossBenchmark -p n=1000000
#   bench/jmh.sh -l                                # list the benchmarks
#
# Results are also written to target/jmh-result.json; bench/jmh_medians.py summarises them.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
./mvnw -q -B -Pbenchmarks -DskipTests test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/jmh.classpath -Dmdep.includeScope=test >&2
exec java -cp "target/test-classes:target/classes:$(cat target/jmh.classpath)" org.openjdk.jmh.Main \
  -rf json -rff target/jmh-result.json "$@"
