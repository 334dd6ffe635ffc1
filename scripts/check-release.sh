#!/usr/bin/env bash
# Checks a staged release folder against Maven Central's requirements (scripts/CheckRelease.java
# says which); prints every problem and exits non-zero when there is one.
#   scripts/check-release.sh [STAGING_DIR (default target/staging)] [--signed]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
staging="${1:-$root/target/staging}"
shift || true
exec java "$root/scripts/CheckRelease.java" "$staging" "$@"
