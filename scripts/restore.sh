#!/usr/bin/env bash
# Restore a backup made by scripts/backup.sh:  scripts/restore.sh BACKUP_DIR/yangcheng-YYYYmmdd-HHMMSS
# 1. checks MANIFEST.sha256 (nothing is touched if a file is missing or altered);
# 2. restores the database into DATABASE_URL (pg_restore --clean: the application's tables are replaced);
# 3. unpacks the uploads into MEDIA_ROOT (files of the same name are overwritten, others kept).
# Stop the web, worker and beat services first. `make restore BACKUP=…` runs this.
set -euo pipefail

src="${1:?usage: scripts/restore.sh BACKUP_PATH}"
: "${DATABASE_URL:?set DATABASE_URL (postgres://user:password@host:port/name)}"
MEDIA_ROOT="${MEDIA_ROOT:-var/uploads}"
for name in MANIFEST.sha256 database.dump uploads.tar.gz; do
  [ -f "$src/$name" ] || { echo "restore.sh: $src/$name is missing" >&2; exit 2; }
done

if ! (cd "$src" && sha256sum --check --strict --quiet MANIFEST.sha256); then
  echo "restore.sh: checksums do not match MANIFEST.sha256; nothing was restored" >&2
  exit 3
fi
echo "checksums verified"

pg_restore --clean --if-exists --no-owner --no-privileges --exit-on-error --single-transaction \
  --dbname="$DATABASE_URL" "$src/database.dump"
echo "database restored"
mkdir -p "$MEDIA_ROOT"
tar -C "$MEDIA_ROOT" -xzf "$src/uploads.tar.gz"
echo "uploads restored into $MEDIA_ROOT"
