#!/usr/bin/env bash
# Streetsense benchmarks: builds the gateway and the bench module, then runs every scenario and
# its baseline once (or only the groups --only names). Prints a table and writes
# bench/results/latest.{md,csv,png}.
# Usage: bench/run.sh [--quick] [--only NAME[,NAME]] [--results DIR] [--work DIR]
#                     [--gateway-jar FILE] [--unit FILE] [--jvm-opts "OPTIONS"]
#   --only: baselines, ceiling, throughput, latency, spool, footprint, reflex (default: all of these),
#           osc-fuzz (10M seeded OSC datagrams through the decoder; only when named)
#   footprint runs use the JVM options of deploy/systemd/streetsense.service (--unit), or --jvm-opts
# Needs: JDK 17, mosquitto, mosquitto-clients, gcc and libmosquitto-dev (Debian; the bench compiles
# its C counting subscriber and ceiling publisher), node + npm for the Node-RED baseline
# (installed once into ~/.cache/streetsense-bench/node-red). Method: docs/performance.md.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -pl test-rigs/bench -am package -DskipTests
exec java -Xmx1g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -Dorg.slf4j.simpleLogger.log.org.streetsense.bench=info \
  -jar test-rigs/bench/target/streetsense-bench.jar "$@"
