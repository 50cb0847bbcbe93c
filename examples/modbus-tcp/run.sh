#!/usr/bin/env bash
# run.sh PORT: tcp-gateway serving Modbus TCP holding registers on TCP port PORT, in the foreground
# until SIGTERM; HTTP (Actuator) on $SERVER_PORT, default 0 (any free port). More arguments go to
# the application: run.sh 5020 --tcp.server.host=127.0.0.1
set -euo pipefail
source "$(dirname "$0")/../lib.sh"
run_example "$(dirname "$0")" modbus-tcp-example-1.0.jar "$@"
