#!/usr/bin/env bash
# Container health check: the service's readiness group must answer 200 on its management port (the
# actuator is not on the API port). Uses bash's /dev/tcp so the runtime image needs no curl or wget.
set -euo pipefail
port="${MANAGEMENT_SERVER_PORT:?MANAGEMENT_SERVER_PORT is not set}"
exec 3<>"/dev/tcp/127.0.0.1/${port}"
printf 'GET /actuator/health/readiness HTTP/1.0\r\nHost: localhost\r\n\r\n' >&3
read -r -t 3 _ status _ <&3
[ "$status" = "200" ]
