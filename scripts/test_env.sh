#!/usr/bin/env bash
# Picks the services `make test` uses and says which (on stderr). CI, and anyone who exports DATABASE_URL /
# REDIS_URL, decides for itself. Otherwise PostgreSQL and Redis on localhost are used when they answer, with
# a database name of this user's own (never a shared one: pytest-django creates and drops test_<name>),
# else SQLite, and the tests that need a server are skipped, saying why.
probe() { timeout 1 bash -c "</dev/tcp/127.0.0.1/$1" 2>/dev/null; }
user=$(id -un 2>/dev/null | tr -c 'a-zA-Z0-9_\n' '_')
if [ -z "${DATABASE_URL:-}" ]; then
  if probe 5432; then
    DATABASE_URL="postgres://postgres@127.0.0.1:5432/yangcheng_test_${user:-dev}"
    echo "export DATABASE_URL=$DATABASE_URL"
  else
    echo "echo 'make test: no PostgreSQL on 127.0.0.1:5432, using SQLite; PostgreSQL-only tests are skipped.' >&2"
  fi
fi
if [ -z "${REDIS_URL:-}" ]; then
  if probe 6379; then
    REDIS_URL="redis://127.0.0.1:6379/15"
    echo "export REDIS_URL=$REDIS_URL"
  else
    echo "echo 'make test: no Redis on 127.0.0.1:6379; the tests that need Redis are skipped.' >&2"
  fi
fi
# Say what is used, without the password.
shown_db=$(printf '%s' "${DATABASE_URL:-sqlite (in memory)}" | sed -E 's#://([^:@/]+):[^@]*@#://\1:***@#')
echo "echo 'make test: database ${shown_db} (the tests use test_<name>), Redis ${REDIS_URL:-none}' >&2"
