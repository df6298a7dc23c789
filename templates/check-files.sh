#!/bin/sh
# Keeps templates/index.tsv and each templates/NAME/.files in step with the files on disk.
# The CLI copies a template from its jar by these lists, so a file missing from .files would be
# silently left out of `fnctl init`.
#
#   templates/check-files.sh           check: exit 1 and show the difference when a list drifted
#   templates/check-files.sh --write   rewrite every .files from the files on disk
#
# .files: every file under the template, relative to it, one a line, sorted bytewise (LC_ALL=C),
# .files itself excluded, and so are build and test leftovers (__pycache__, *.pyc, target/,
# node_modules/, .fnctl/).
set -eu
export LC_ALL=C
cd "$(dirname "$0")"

write=false
case "${1:-}" in
  --write) write=true ;;
  "") ;;
  *) echo "usage: $0 [--write]" >&2; exit 64 ;;
esac

listing() {
  (cd "$1" && find . \
      \( -name __pycache__ -o -name target -o -name node_modules -o -name .fnctl \) -prune \
      -o -type f ! -name .files ! -name '*.pyc' -print) \
    | sed 's|^\./||' | sort
}

status=0
diffs=$(mktemp)
trap 'rm -f "$diffs"' EXIT
names=$(find . -mindepth 1 -maxdepth 1 -type d | sed 's|^\./||' | sort)
for name in $names; do
  if [ ! -f "$name/fnctl.yaml" ]; then
    echo "$name: no fnctl.yaml, not a template" >&2
    status=1
    continue
  fi
  if $write; then
    listing "$name" > "$name/.files"
  elif ! listing "$name" | diff -u "$name/.files" - > "$diffs" 2>&1; then
    echo "$name/.files is out of date (run templates/check-files.sh --write):" >&2
    cat "$diffs" >&2
    status=1
  fi
done

# index.tsv: one "name<TAB>description" line per template directory, sorted by name.
if [ "$(cut -f1 index.tsv)" != "$names" ]; then
  echo "index.tsv must list exactly these templates, sorted: $(echo $names)" >&2
  status=1
fi
if awk -F'\t' 'NF != 2 || $2 == "" { bad = 1 } END { exit !bad }' index.tsv; then
  echo "index.tsv: every line must be NAME<TAB>description" >&2
  status=1
fi
exit $status
