#!/usr/bin/env bash
# Creates the topics of the pipeline (idempotent). Requests are keyed by simulation id, so a
# bundle stays on one partition; the partition count bounds how many workers can consume at once.
set -euo pipefail
bootstrap="${KAFKA_BOOTSTRAP_SERVERS:?}"
partitions="${SIMULATION_TOPIC_PARTITIONS:-12}"
for topic in simulation-requests simulation-results; do
  /opt/kafka/bin/kafka-topics.sh --bootstrap-server "$bootstrap" --create --if-not-exists \
    --topic "$topic" --partitions "$partitions" --replication-factor 1
done
# Gateways tell every worker which clients went away: one partition each worker reads whole, kept
# 10 minutes (far past any deadline) in segments of a minute, so retention trims it.
/opt/kafka/bin/kafka-topics.sh --bootstrap-server "$bootstrap" --create --if-not-exists \
  --topic simulation-cancellations --partitions 1 --replication-factor 1 \
  --config retention.ms=600000 --config segment.ms=60000
/opt/kafka/bin/kafka-topics.sh --bootstrap-server "$bootstrap" --describe --topic simulation-requests
