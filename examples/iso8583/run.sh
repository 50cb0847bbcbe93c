#!/usr/bin/env bash
# run.sh PORT: tcp-gateway answering ISO 8583 (1987, ASCII fields, 2-byte length) echo and
# authorization requests on TCP port PORT, in the foreground until SIGTERM; HTTP (Actuator) on
# $SERVER_PORT, default 0 (any free port). More arguments go to the application:
# run.sh 8000 --tcp.server.host=127.0.0.1
set -euo pipefail
source "$(dirname "$0")/../lib.sh"
run_example "$(dirname "$0")" iso8583-example-1.0.jar "$@"
