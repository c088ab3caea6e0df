#!/usr/bin/env bash
# A backup of the database and the uploads, with checksums:
#   BACKUP_DIR/yangcheng-YYYYmmdd-HHMMSS/
#     database.dump    pg_dump in custom format (restore with scripts/restore.sh, or pg_restore)
#     uploads.tar.gz   MEDIA_ROOT (photos and documents) as a tar
#     MANIFEST.sha256  the SHA-256 of both, checked by restore.sh before it changes anything
#     INFO             when, from which database (no password), with which pg_dump
# Then keeps the newest BACKUP_KEEP backups and removes older ones.
#
# Environment: DATABASE_URL (postgres://…, required), MEDIA_ROOT (default var/uploads),
# BACKUP_DIR (default var/backups), BACKUP_KEEP (default 14). `make backup` runs this.
set -euo pipefail

: "${DATABASE_URL:?set DATABASE_URL (postgres://user:password@host:port/name)}"
case "$DATABASE_URL" in
  postgres://*|postgresql://*) ;;
  *) echo "backup.sh: DATABASE_URL must be a PostgreSQL URL (SQLite: copy db.sqlite3 instead)" >&2; exit 2 ;;
esac
MEDIA_ROOT="${MEDIA_ROOT:-var/uploads}"
BACKUP_DIR="${BACKUP_DIR:-var/backups}"
BACKUP_KEEP="${BACKUP_KEEP:-14}"
if ! [[ "$BACKUP_KEEP" =~ ^[1-9][0-9]*$ ]]; then
  echo "backup.sh: BACKUP_KEEP must be a positive whole number, got '$BACKUP_KEEP'" >&2; exit 2
fi

stamp="$(date +%Y%m%d-%H%M%S)"
dest="$BACKUP_DIR/yangcheng-$stamp"
work="$dest.partial"
mkdir -p "$work" "$MEDIA_ROOT"
trap 'rm -rf "$work"' ERR

pg_dump --format=custom --no-owner --no-privileges --file="$work/database.dump" "$DATABASE_URL"
tar -C "$MEDIA_ROOT" -czf "$work/uploads.tar.gz" .
(cd "$work" && sha256sum database.dump uploads.tar.gz > MANIFEST.sha256)
{
  echo "created: $(date --iso-8601=seconds)"
  echo "database: ${DATABASE_URL##*@}"
  echo "pg_dump: $(pg_dump --version)"
  echo "uploads: $MEDIA_ROOT ($(find "$MEDIA_ROOT" -type f | wc -l) files)"
} > "$work/INFO"
mv "$work" "$dest"
trap - ERR
echo "backup written: $dest"

# Keep the newest BACKUP_KEEP (names sort by time).
mapfile -t old < <(find "$BACKUP_DIR" -maxdepth 1 -type d -name 'yangcheng-*' ! -name '*.partial' | sort | head -n -"$BACKUP_KEEP")
for path in "${old[@]}"; do
  rm -rf -- "$path"
  echo "removed old backup: $path"
done
