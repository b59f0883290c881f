#!/usr/bin/env bash
# Developer helper: run the project's pinned Azurite (package.json devDependencies) in the background.
#
#   scripts/azurite.sh start|stop|status
#
# Ports come from AZURITE_BLOB_PORT / AZURITE_QUEUE_PORT / AZURITE_TABLE_PORT (defaults 10000/10001/10002,
# the well-known emulator ports, so "UseDevelopmentStorage=true" works too). Data lives in .azurite/
# (git-ignored) so it survives restarts; delete the folder to start clean.
# Tests do NOT use this script: they start their own in-memory Azurite on free ports (AzuriteServer).
# hk serve does not need it either: it starts the same Azurite itself (same .azurite/ data) and stops it on exit;
# 'status' says so when that one holds the ports.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BLOB_PORT="${AZURITE_BLOB_PORT:-10000}"
QUEUE_PORT="${AZURITE_QUEUE_PORT:-10001}"
TABLE_PORT="${AZURITE_TABLE_PORT:-10002}"
DATA_DIR="$ROOT/.azurite"
PID_FILE="$DATA_DIR/azurite.pid"
LOG_FILE="$DATA_DIR/azurite.log"
ENTRY="$ROOT/node_modules/azurite/dist/src/azurite.js"
START_TIMEOUT_SECONDS="${AZURITE_START_TIMEOUT:-30}"

die() { echo "azurite.sh: $*" >&2; exit 1; }

# True when something accepts TCP connections on 127.0.0.1:$1 (bash's /dev/tcp, no extra tools needed).
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

running_pid() {
    [[ -f "$PID_FILE" ]] || return 1
    local pid
    pid="$(cat "$PID_FILE")"
    [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null && echo "$pid"
}

connection_string() {
    echo "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:$BLOB_PORT/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$QUEUE_PORT/devstoreaccount1;TableEndpoint=http://127.0.0.1:$TABLE_PORT/devstoreaccount1;"
}

start() {
    command -v node >/dev/null || die "node is not on PATH. Install Node.js 20 (Azurite 3.35.0 is pinned because 3.36+ needs Node 22)."
    [[ -f "$ENTRY" ]] || die "Azurite is not installed in node_modules. Run 'npm ci' in $ROOT first."

    local pid
    if pid="$(running_pid)"; then
        echo "Azurite is already running (pid $pid)."
        connection_string
        return 0
    fi
    for port in "$BLOB_PORT" "$QUEUE_PORT" "$TABLE_PORT"; do
        port_open "$port" && die "port $port is already in use (another Azurite?). Stop it, or choose other ports via AZURITE_BLOB_PORT/AZURITE_QUEUE_PORT/AZURITE_TABLE_PORT."
    done

    mkdir -p "$DATA_DIR"
    # setsid + nohup: detach from this shell so Azurite keeps running after the script returns.
    # --skipApiVersionCheck/--loose: newer Azure SDKs send API versions this Azurite does not know yet.
    setsid nohup node "$ENTRY" \
        --silent --disableTelemetry --skipApiVersionCheck --loose \
        --location "$DATA_DIR" \
        --blobHost 127.0.0.1 --blobPort "$BLOB_PORT" \
        --queueHost 127.0.0.1 --queuePort "$QUEUE_PORT" \
        --tableHost 127.0.0.1 --tablePort "$TABLE_PORT" \
        >"$LOG_FILE" 2>&1 </dev/null &
    pid=$!
    echo "$pid" >"$PID_FILE"

    local deadline=$((SECONDS + START_TIMEOUT_SECONDS))
    until port_open "$BLOB_PORT" && port_open "$QUEUE_PORT" && port_open "$TABLE_PORT"; do
        if ! kill -0 "$pid" 2>/dev/null; then
            rm -f "$PID_FILE"
            echo "azurite.sh: Azurite exited during startup. Its output ($LOG_FILE):" >&2
            cat "$LOG_FILE" >&2
            die "fix the error above (a corrupt .azurite/ can be deleted), then run 'scripts/azurite.sh start' again."
        fi
        if ((SECONDS >= deadline)); then
            kill -- "-$pid" 2>/dev/null || kill "$pid" 2>/dev/null || true
            rm -f "$PID_FILE"
            die "Azurite did not open ports $BLOB_PORT/$QUEUE_PORT/$TABLE_PORT within ${START_TIMEOUT_SECONDS}s; see $LOG_FILE."
        fi
        sleep 0.2
    done

    echo "Azurite running (pid $pid), blob $BLOB_PORT, queue $QUEUE_PORT, table $TABLE_PORT, data in $DATA_DIR"
    echo "Connection string:"
    connection_string
}

stop() {
    local pid
    if ! pid="$(running_pid)"; then
        rm -f "$PID_FILE"
        echo "Azurite is not running (no live pid in $PID_FILE)."
        return 0
    fi
    # setsid made Azurite a process-group leader, so signal the whole group.
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.2
    done
    if kill -0 "$pid" 2>/dev/null; then
        echo "Azurite (pid $pid) ignored SIGTERM for 10s; sending SIGKILL."
        kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
    fi
    rm -f "$PID_FILE"
    echo "Azurite stopped (pid $pid)."
}

status() {
    local pid
    if pid="$(running_pid)"; then
        echo "Azurite running (pid $pid), blob $BLOB_PORT, queue $QUEUE_PORT, table $TABLE_PORT"
        connection_string
    elif port_open "$BLOB_PORT" || port_open "$QUEUE_PORT" || port_open "$TABLE_PORT"; then
        # hk serve starts its own Azurite (same pinned version, same .azurite/ data, the usual ports when free) and stops
        # it on Ctrl+C; this script did not start that one and will not stop it.
        echo "An Azurite this script did not start holds the ports (blob $BLOB_PORT, queue $QUEUE_PORT, table $TABLE_PORT):"
        echo "usually hk serve's own, which stops with hk serve. 'hk upload' reaches it; its connection string:"
        connection_string
    else
        echo "Azurite is not running. Start it with 'scripts/azurite.sh start' (or run hk serve, which starts its own)."
        return 3
    fi
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    status) status ;;
    *) die "usage: scripts/azurite.sh start|stop|status" ;;
esac
