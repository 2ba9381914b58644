#!/usr/bin/env bash
# Browser tests: a real server on a fresh SQLite database with the demo data, driven by
# Debian's Chromium through playwright-core (frontend/tests/browser/run.mjs).
set -euo pipefail
cd "$(dirname "$0")/../.."

work=$(mktemp -d)
port=$(.venv/bin/python -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
export OVERSEAS_ENV=development
export OVERSEAS_SECRET_KEY="browser-test-$(date +%s%N)"
export OVERSEAS_DATABASE_URL="sqlite:///$work/browser.db"
export OVERSEAS_FRONTEND_DIST="$PWD/frontend/dist"

.venv/bin/overseas db upgrade
.venv/bin/overseas demo load --placements 2000 >/dev/null
.venv/bin/overseas serve --port "$port" >"$work/server.log" 2>&1 &
server=$!
cleanup() { kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

for _ in $(seq 1 100); do
  curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  sleep 0.2
done
curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null || { cat "$work/server.log"; exit 1; }

# What `make run` promises: the API documentation and the markets with a demo client's token.
curl -fsS -o /dev/null "http://127.0.0.1:$port/docs"
token=$(curl -fsS -X POST "http://127.0.0.1:$port/api/v1/auth/token" \
  -d grant_type=client_credentials -d client_id=demo-agency1 -d client_secret=demo-secret-agency1-2026 \
  | .venv/bin/python -c 'import json, sys; print(json.load(sys.stdin)["access_token"])')
markets=$(curl -fsS "http://127.0.0.1:$port/api/v1/markets" -H "Authorization: Bearer $token")
[[ $markets == *'"JP"'* ]] || { echo "no markets: $markets"; exit 1; }
echo "server: /healthz, /docs and /api/v1/markets answer"

cd frontend
OVERSEAS_BASE_URL="http://127.0.0.1:$port" node tests/browser/run.mjs || { echo "--- server log"; tail -50 "$work/server.log"; exit 1; }
