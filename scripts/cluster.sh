#!/usr/bin/env bash
# Starts, on 127.0.0.1, small replicated clusters of the Debian-packaged servers for the cluster
# tests (docs/scaling.md):
#   MariaDB    primary 3317, GTID replicas 3318 and 3319 (semi-synchronous: an acknowledged commit
#              is on a replica), root without password
#   PostgreSQL primary 5442, streaming standby 5443 (pg_basebackup -R, synchronous), trust auth
#
#   scripts/cluster.sh start   [mysql|postgres]   fresh servers unless all are already running
#   scripts/cluster.sh status  [mysql|postgres]   each server's role and port
#   scripts/cluster.sh promote  mysql|postgres    kill the primary, promote the most advanced replica
#   scripts/cluster.sh stop    [mysql|postgres]   kill what this script started
#
# Everything lives under CK_CLUSTER_DIR (default target/cluster of the repository root); nothing
# outside it is written or removed. Servers run as root (MariaDB, --user=root) and as the postgres
# OS user (PostgreSQL refuses root), with their own data directories and sockets.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
DIR=${CK_CLUSTER_DIR:-$ROOT/target/cluster}
MY_PORTS=(3317 3318 3319)
PG_PORTS=(5442 5443)
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)

log() { printf 'cluster: %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_port() {
  local port=$1
  for _ in $(seq 1 150); do
    port_open "$port" && return 0
    sleep 0.1
  done
  die "nothing listens on 127.0.0.1:$port after 15 s"
}

# Whether the pid on the first line of a pid file runs (MariaDB's and PostgreSQL's files alike).
alive() { [ -f "$1" ] && kill -0 "$(head -n 1 "$1")" 2>/dev/null; }

as_postgres() {
  if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# ------------------------------------------------------------------------------------ MariaDB

my() { mariadb --no-defaults -h127.0.0.1 -P"$1" -uroot -N -B -e "$2"; }

# The GTID a replica has received (not necessarily applied), empty when it replicates nothing.
my_received() {
  mariadb --no-defaults -h127.0.0.1 -P"$1" -uroot -e "SHOW SLAVE STATUS\G" \
    | awk '/Gtid_IO_Pos:/ {print $2}'
}

my_start_one() {
  local port=$1 id=$2 data=$DIR/mariadb-$1 primary=0
  # Only a primary waits for a replica's acknowledgement; a replica waiting would stall replication.
  [ "$id" = 1 ] && primary=1
  alive "$data/mariadbd.pid" && return 0
  # The server runs as root: --user=root is the documented way to allow it.
  /usr/sbin/mariadbd --no-defaults --user=root --datadir="$data" --port="$port" \
    --bind-address=127.0.0.1 --socket="$data/mariadbd.sock" --pid-file="$data/mariadbd.pid" \
    --log-error="$data/error.log" --server-id="$id" --log-bin=binlog --log-slave-updates \
    --binlog-format=ROW --gtid-strict-mode=1 --skip-name-resolve --init-file="$DIR/mariadb-init.sql" \
    --rpl-semi-sync-master-enabled="$primary" --rpl-semi-sync-slave-enabled=1 \
    --rpl-semi-sync-master-timeout=5000 --innodb-flush-log-at-trx-commit=2 --rpl-semi-sync-master-wait-point=AFTER_SYNC \
    --innodb-buffer-pool-size=32M --innodb-log-file-size=16M --performance-schema=0 \
    --max-connections=200 --skip-innodb-doublewrite >/dev/null 2>&1 &
  echo $! >"$data/mariadbd.pid"
}

my_start() {
  if alive "$DIR/mariadb-3317/mariadbd.pid" && alive "$DIR/mariadb-3318/mariadbd.pid" \
    && alive "$DIR/mariadb-3319/mariadbd.pid"; then
    log "MariaDB cluster already running"; return 0
  fi
  [ -x /usr/sbin/mariadbd ] || die "MariaDB binaries absent (/usr/sbin/mariadbd)"
  my_stop
  mkdir -p "$DIR"
  rm -rf "$DIR"/mariadb-33??
  # Users made here are not binlogged: every server makes them itself at start.
  cat >"$DIR/mariadb-init.sql" <<'SQL'
SET sql_log_bin = 0;
CREATE USER IF NOT EXISTS 'root'@'127.0.0.1';
GRANT ALL PRIVILEGES ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION;
SQL
  # The initialised data directory is kept as a template: the next start copies it (seconds).
  if [ ! -d "$DIR/mariadb-template" ]; then
    mariadb-install-db --no-defaults --user=root --datadir="$DIR/mariadb-template.tmp" \
      --auth-root-authentication-method=normal --skip-test-db >"$DIR/mariadb-install.log" 2>&1 \
      || die "mariadb-install-db failed: see $DIR/mariadb-install.log"
    mv "$DIR/mariadb-template.tmp" "$DIR/mariadb-template"
  fi
  cp -a "$DIR/mariadb-template" "$DIR/mariadb-3317"
  # One initialised data directory, copied: the same empty start, so GTID positions line up.
  cp -a "$DIR/mariadb-3317" "$DIR/mariadb-3318"
  cp -a "$DIR/mariadb-3317" "$DIR/mariadb-3319"
  local i=1
  for port in "${MY_PORTS[@]}"; do my_start_one "$port" "$i"; i=$((i + 1)); done
  for port in "${MY_PORTS[@]}"; do wait_port "$port"; done
  for port in 3318 3319; do
    my "$port" "SET GLOBAL read_only = 1;
      CHANGE MASTER TO MASTER_HOST='127.0.0.1', MASTER_PORT=3317, MASTER_USER='root',
        MASTER_PASSWORD='', MASTER_USE_GTID=slave_pos, MASTER_CONNECT_RETRY=1;
      START SLAVE;"
  done
  log "MariaDB primary 3317, replicas 3318 3319"
}

my_role() {
  local port=$1
  if ! port_open "$port"; then echo "down"; return; fi
  if [ -n "$(my "$port" "SHOW SLAVE STATUS" 2>/dev/null)" ]; then echo "replica"; else echo "primary"; fi
}

# Kills the primary, then promotes the replica that received the most: with semi-synchronous
# replication an acknowledged commit reached at least one replica, so that one has every such write.
my_promote() {
  local old="" best="" best_seq=-1
  for port in "${MY_PORTS[@]}"; do
    [ "$(my_role "$port")" = "primary" ] && old=$port
  done
  [ -n "$old" ] || die "no MariaDB primary to fail over from"
  kill -9 "$(cat "$DIR/mariadb-$old/mariadbd.pid")" 2>/dev/null || true
  rm -f "$DIR/mariadb-$old/mariadbd.pid"
  for port in "${MY_PORTS[@]}"; do
    [ "$port" = "$old" ] && continue
    port_open "$port" || continue
    local io seq
    io=$(my_received "$port")
    seq=${io##*-}
    seq=${seq:-0}
    if [ "$seq" -gt "$best_seq" ]; then best=$port; best_seq=$seq; fi
  done
  [ -n "$best" ] || die "no MariaDB replica to promote"
  local io
  io=$(my_received "$best")
  # Apply everything received before taking writes.
  my "$best" "STOP SLAVE IO_THREAD; SELECT MASTER_GTID_WAIT('$io', 10);" >/dev/null
  my "$best" "STOP SLAVE; RESET SLAVE ALL; SET GLOBAL read_only = 0;
    SET GLOBAL rpl_semi_sync_master_enabled = 1;"
  for port in "${MY_PORTS[@]}"; do
    [ "$port" = "$old" ] || [ "$port" = "$best" ] && continue
    port_open "$port" || continue
    my "$port" "STOP SLAVE; CHANGE MASTER TO MASTER_PORT=$best, MASTER_USE_GTID=slave_pos;
      START SLAVE;"
  done
  log "MariaDB primary $old killed; $best promoted"
  echo "$best"
}

my_stop() {
  for port in "${MY_PORTS[@]}"; do
    local pidfile=$DIR/mariadb-$port/mariadbd.pid
    if alive "$pidfile"; then kill -9 "$(cat "$pidfile")" 2>/dev/null || true; fi
    rm -f "$pidfile"
  done
}

# --------------------------------------------------------------------------------- PostgreSQL

pg() { psql -h 127.0.0.1 -p "$1" -U postgres -d postgres -tAqX -c "$2"; }

pg_start_one() {
  local port=$1 data=$DIR/pg-$1
  as_postgres "$PG_BIN/pg_ctl" -D "$data" -l "$data.log" -w -t 20 -s \
    -o "-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories=$data.run" start
}

pg_start() {
  if alive "$DIR/pg-5442/postmaster.pid" && alive "$DIR/pg-5443/postmaster.pid"; then
    log "PostgreSQL cluster already running"; return 0
  fi
  [ -n "$PG_BIN" ] && [ -x "$PG_BIN/initdb" ] || die "PostgreSQL binaries absent (/usr/lib/postgresql/*/bin)"
  pg_stop
  mkdir -p "$DIR"
  rm -rf "$DIR"/pg-544?  "$DIR"/pg-544?.run "$DIR"/pg-544?.log
  mkdir -p -m 700 "$DIR/pg-5442" "$DIR/pg-5443"
  mkdir -p "$DIR/pg-5442.run" "$DIR/pg-5443.run"
  chown postgres: "$DIR"/pg-544? "$DIR"/pg-544?.run 2>/dev/null || true
  touch "$DIR/pg-5442.log" "$DIR/pg-5443.log"
  chown postgres: "$DIR/pg-5442.log" "$DIR/pg-5443.log" 2>/dev/null || true
  if [ ! -d "$DIR/pg-template" ]; then
    mkdir -p -m 700 "$DIR/pg-template.tmp"
    chown postgres: "$DIR/pg-template.tmp" 2>/dev/null || true
    as_postgres "$PG_BIN/initdb" -D "$DIR/pg-template.tmp" -U postgres -A trust --no-sync -E UTF8 \
      --locale=C.UTF-8 >"$DIR/pg-init.log" 2>&1 || die "initdb failed: see $DIR/pg-init.log"
    mv "$DIR/pg-template.tmp" "$DIR/pg-template"
  fi
  rmdir "$DIR/pg-5442"
  cp -a "$DIR/pg-template" "$DIR/pg-5442"
  cat >>"$DIR/pg-5442/postgresql.conf" <<'CONF'
wal_level = replica
max_wal_senders = 10
hot_standby = on
hot_standby_feedback = on
wal_receiver_status_interval = 1s
fsync = off
shared_buffers = 32MB
max_connections = 200
# An acknowledged commit is flushed on the standby: a promotion loses none.
synchronous_standby_names = '*'
CONF
  echo "host replication all 127.0.0.1/32 trust" >>"$DIR/pg-5442/pg_hba.conf"
  pg_start_one 5442 >/dev/null
  as_postgres "$PG_BIN/pg_basebackup" -h 127.0.0.1 -p 5442 -U postgres -D "$DIR/pg-5443" -R \
    -X stream --no-sync >>"$DIR/pg-init.log" 2>&1 || die "pg_basebackup failed: see $DIR/pg-init.log"
  pg_start_one 5443 >/dev/null
  log "PostgreSQL primary 5442, standby 5443"
}

pg_role() {
  local port=$1
  if ! port_open "$port"; then echo "down"; return; fi
  if [ "$(pg "$port" "SELECT pg_is_in_recovery()" 2>/dev/null)" = "t" ]; then echo "replica"; else
    echo "primary"; fi
}

# Kills the primary and promotes the standby: it replays every WAL record it received (synchronous
# replication: every acknowledged commit) before it takes writes.
pg_promote() {
  local old="" new=""
  for port in "${PG_PORTS[@]}"; do
    case $(pg_role "$port") in primary) old=$port ;; replica) new=$port ;; esac
  done
  [ -n "$old" ] || die "no PostgreSQL primary to fail over from"
  [ -n "$new" ] || die "no PostgreSQL standby to promote"
  kill -9 "$(head -n 1 "$DIR/pg-$old/postmaster.pid")" 2>/dev/null || true
  as_postgres "$PG_BIN/pg_ctl" -D "$DIR/pg-$new" -w -t 20 -s promote
  # Alone now: a commit waiting for a synchronous standby would wait forever.
  pg "$new" "ALTER SYSTEM SET synchronous_standby_names = ''" >/dev/null
  pg "$new" "SELECT pg_reload_conf()" >/dev/null
  log "PostgreSQL primary $old killed; $new promoted"
  echo "$new"
}

pg_stop() {
  for port in "${PG_PORTS[@]}"; do
    local pidfile=$DIR/pg-$port/postmaster.pid
    if [ -f "$pidfile" ]; then
      local pid
      pid=$(head -n 1 "$pidfile")
      # The postmaster, then its children (they exit when it is gone, but not at once).
      kill -9 "$pid" 2>/dev/null || true
      pkill -9 -P "$pid" 2>/dev/null || true
      rm -f "$pidfile"
    fi
  done
}

status() {
  local what=$1
  if [ "$what" != postgres ]; then
    for port in "${MY_PORTS[@]}"; do echo "mariadb $port $(my_role "$port")"; done
  fi
  if [ "$what" != mysql ]; then
    for port in "${PG_PORTS[@]}"; do echo "postgresql $port $(pg_role "$port")"; done
  fi
}

command=${1:-}
what=${2:-all}
case "$what" in all | mysql | postgres) ;; *) die "unknown cluster '$what': mysql or postgres" ;; esac
case "$command" in
  start)
    [ "$what" != postgres ] && my_start
    [ "$what" != mysql ] && pg_start
    status "$what"
    ;;
  status) status "$what" ;;
  promote)
    case "$what" in mysql) my_promote ;; postgres) pg_promote ;; *) die "promote mysql|postgres" ;; esac
    ;;
  stop)
    [ "$what" != postgres ] && my_stop
    [ "$what" != mysql ] && pg_stop
    log "stopped ($what)"
    ;;
  *) die "usage: $0 start|status|promote|stop [mysql|postgres]" ;;
esac
