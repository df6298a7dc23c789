#!/bin/sh
# Runs the unit tests of every function in samples/ and templates/: `python3 -m unittest` where
# there are test_*.py files, `node --test` where there are *.test.js files, and `mvn test` for
# Java functions when the JDK on PATH is 21 or later (the Java template targets java21).
# Ends with the line "N passed, N failed" (counted per function directory).
set -u
root="$(cd "$(dirname "$0")/.." && pwd)"
export PYTHONDONTWRITEBYTECODE=1 NO_COLOR=1
passed=0
failed=0

run() {  # run DIR COMMAND...: one function's tests
  dir="$1"; shift
  if (cd "$dir" && "$@") > /tmp/fnctl-function-test.$$ 2>&1; then
    echo "ok    ${dir#$root/}"
    passed=$((passed + 1))
  else
    echo "FAIL  ${dir#$root/}"
    sed 's/^/      /' /tmp/fnctl-function-test.$$
    failed=$((failed + 1))
  fi
}

for dir in $(find "$root/samples" "$root/templates" \( -name node_modules -o -name target -o -name .fnctl \) -prune \
    -o -type f \( -name 'test_*.py' -o -name '*.test.js' -o -name pom.xml \) -print \
    | xargs -n1 dirname | sort -u); do
  if ls "$dir"/test_*.py > /dev/null 2>&1; then run "$dir" python3 -m unittest -q; fi
  if ls "$dir"/*.test.js > /dev/null 2>&1; then run "$dir" node --test; fi
  if [ -f "$dir/pom.xml" ]; then
    major=$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
    if [ "${major:-0}" -ge 21 ] 2>/dev/null; then
      run "$dir" mvn -q -B test
      rm -rf "$dir/target"
    else
      echo "skip  ${dir#$root/} (needs JDK 21+, java on PATH is ${major:-unknown})"
    fi
  fi
done
rm -f /tmp/fnctl-function-test.$$
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
