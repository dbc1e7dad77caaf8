#!/usr/bin/env bash
# Makes the upgrade test data of a version (a git ref, default main) and keeps it in this tree's
# src/test/resources/upgrade as <date>-V<latest migration>.dump with its .json: the version is checked out in a
# temporary worktree, its UpgradeDumpMaker run there (./mvnw verify -Pupgrade-dump), the worktree removed. Further
# arguments go to Maven (e.g. -o). Needs PostgreSQL's pg_dump of the tests' server major (Debian: postgresql-client-15).
#
# A change that brings a migration, a changed diagram or a new Camunda runs this on main before it merges and commits
# the new files: UpgradeFromKeptDumpsIT starts every later version on each kept dump.
set -euo pipefail
ref="${1:-main}"
here="$(cd "$(dirname "$0")/.." && pwd)"
scratch="$(mktemp -d)"
tree="$scratch/upgrade-dump"
git -C "$here" worktree add --detach "$tree" "$ref" >/dev/null
trap 'git -C "$here" worktree remove --force "$tree"; rm -rf "$scratch"' EXIT
(cd "$tree" && ./mvnw -q -B verify -Pupgrade-dump -Dpg.tools.required=true \
  -Dupgrade.dump.dir="$here/src/test/resources/upgrade" "${@:2}")
ls -l "$here/src/test/resources/upgrade"
