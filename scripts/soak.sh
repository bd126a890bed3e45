#!/usr/bin/env bash
# Soak test of harmlog serve: concurrent uploads, reviews and queries while
# the server is killed and restarted; then verify and a check that nothing
# acknowledged was lost. Flags go to the soak command (scripts/soak.sh -h).
#   scripts/soak.sh                                   # 60 s, SQLite, 3 kills
#   scripts/soak.sh --duration 5m --kills 10
#   scripts/soak.sh --servers 2 --db 'postgres://postgres@127.0.0.1:5432/soak?sslmode=disable'
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PATH:/usr/local/go/bin"
exec go run ./internal/soak/cmd/soak "$@"
