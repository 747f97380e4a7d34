#!/bin/sh
# The container health check: asks the running service (found on PID 1's command line) for its health
# endpoint. Commands that serve none (topics, detect, ...) are healthy while they run.
command_line=$(tr '\0' ' ' < /proc/1/cmdline)
case " $command_line " in
  *" worker "*) url="http://127.0.0.1:${WORKER_HTTP_PORT:-8081}/health" ;;
  *" ingest "*) url="http://127.0.0.1:${INGEST_HTTP_PORT:-8082}/health" ;;
  *" sink "*) url="http://127.0.0.1:${SINK_HTTP_PORT:-8080}/api/health" ;;
  *) exit 0 ;;
esac
exec curl --fail --silent --show-error --max-time 4 --output /dev/null "$url"
