#!/usr/bin/env bash
# Picks the services `make test` uses. CI (and anyone who exports DATABASE_URL / REDIS_URL) decides
# for itself; otherwise PostgreSQL and Redis on localhost are used when they answer, else SQLite
# and the tests that need a server are skipped, saying why.
probe() { timeout 1 bash -c "</dev/tcp/127.0.0.1/$1" 2>/dev/null; }
if [ -z "${DATABASE_URL:-}" ]; then
  if probe 5432; then
    echo "export DATABASE_URL=postgres://postgres@127.0.0.1:5432/yangcheng"
  else
    echo "echo 'make test: no PostgreSQL on 127.0.0.1:5432, using SQLite; PostgreSQL-only tests are skipped.' >&2"
  fi
fi
if [ -z "${REDIS_URL:-}" ]; then
  if probe 6379; then
    echo "export REDIS_URL=redis://127.0.0.1:6379/15"
  else
    echo "echo 'make test: no Redis on 127.0.0.1:6379; the tests that need Redis are skipped.' >&2"
  fi
fi
