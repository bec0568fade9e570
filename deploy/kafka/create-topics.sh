#!/usr/bin/env bash
# Creates the two topics of the pipeline (idempotent). Requests are keyed by simulation id, so a
# bundle stays on one partition; the partition count bounds how many workers can consume at once.
set -euo pipefail
bootstrap="${KAFKA_BOOTSTRAP_SERVERS:?}"
partitions="${SIMULATION_TOPIC_PARTITIONS:-12}"
for topic in simulation-requests simulation-results; do
  /opt/kafka/bin/kafka-topics.sh --bootstrap-server "$bootstrap" --create --if-not-exists \
    --topic "$topic" --partitions "$partitions" --replication-factor 1
done
/opt/kafka/bin/kafka-topics.sh --bootstrap-server "$bootstrap" --describe --topic simulation-requests
