#!/usr/bin/env bash
# The action's main step: runs fnctl in the working directory and reports to the runner.
#
#   plan:  fnctl validate, then fnctl plan --detailed-exitcode --format markdown --out PLAN_FILE;
#          the Markdown plan goes to the job summary and, with FNCTL_COMMENT_ON_PR=true on a pull
#          request, into the pull request's fnctl comment for this spec and target (action/comment.sh).
#   apply: fnctl apply --auto-approve PLAN_FILE (exactly the reviewed plan), or, without a plan
#          file, fnctl apply --auto-approve of the spec; its report goes to the job summary.
#
# Outputs (GITHUB_OUTPUT): exitcode, has-changes, plan-file. The step fails unless fnctl succeeded
# (plan's 2, "there are changes", is a success).
#
#   FNCTL_COMMAND (plan|apply), FNCTL_SPEC (fnctl.yaml), FNCTL_TARGET, FNCTL_PLAN_FILE,
#   FNCTL_COMMENT_ON_PR (true|false); GITHUB_STEP_SUMMARY, GITHUB_OUTPUT; for the comment also
#   GITHUB_TOKEN, GITHUB_REPOSITORY, GITHUB_EVENT_PATH, GITHUB_API_URL.
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"

command="${FNCTL_COMMAND:-plan}"
spec="${FNCTL_SPEC:-fnctl.yaml}"
target="${FNCTL_TARGET:-}"
plan_file="${FNCTL_PLAN_FILE:-}"
comment="${FNCTL_COMMENT_ON_PR:-false}"
summary="${GITHUB_STEP_SUMMARY:-/dev/null}"
output="${GITHUB_OUTPUT:-/dev/null}"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

outputs() {
  {
    echo "exitcode=$1"
    echo "has-changes=$2"
    echo "plan-file=$3"
  } >>"$output"
}

# What the reviewer sees of this spec and target, in the summary and the comment.
title="\`${spec}\`${target:+ on target \`$target\`}"

# Runs fnctl with stdout to $1 and stderr to $2, and returns its exit code in $code; with $LIVE=1
# both are shown in the log as they come (GNU tail), else the caller shows them at the end. fnctl
# runs in the background so that a cancelled job's signal, which the runner sends to this script
# only, can be passed on: the first SIGINT or SIGTERM makes fnctl start no new change and finish
# cleanly, a second one ends it at once (docs/ci.md, Job cancellation).
run_fnctl() {
  local out="$1" err="$2" pid tail_pid=""
  shift 2
  fnctl "$@" >"$out" 2>"$err" &
  pid=$!
  # A background job ignores SIGINT, so both are passed on as SIGTERM, which fnctl handles alike.
  trap 'kill -TERM "$pid" 2>/dev/null || true' INT TERM
  if [[ "${LIVE:-}" == 1 ]] && tail --version 2>/dev/null | grep -q GNU; then
    tail -q -n +1 -F --pid="$pid" "$out" "$err" 2>/dev/null &
    tail_pid=$!
  fi
  while true; do
    code=0
    wait "$pid" || code=$?
    # wait returns early (above 128) when a trapped signal arrives: wait on for fnctl's own exit.
    if ((code > 128)) && kill -0 "$pid" 2>/dev/null; then continue; fi
    break
  done
  trap - INT TERM
  shown=0
  if [[ -n "$tail_pid" ]]; then
    wait "$tail_pid" 2>/dev/null || true
    shown=1
  fi
}

# Posts (or updates) the pull-request comment when asked; its failure is a warning, never the
# step's failure (a fork's pull request gets a read-only token).
comment() {
  [[ "$comment" == true ]] || return 0
  # One comment per directory, spec and target: two uses of the action on one pull request (two
  # targets, two projects) keep a comment each.
  local dir="${PWD#"${GITHUB_WORKSPACE:-}"}"
  "$here/comment.sh" "$1" "${dir#/}${dir:+/}$spec${target:+ $target}" ||
    echo "::warning title=fnctl::could not write the pull-request comment (see the log above)"
}

spec_args=(-f "$spec")
[[ -n "$target" ]] && spec_args+=(-t "$target")

case "$command" in
  plan)
    plan_file="${plan_file:-fnctl.plan}"
    run_fnctl "$work/validate.out" "$work/validate.err" validate -f "$spec"
    cat "$work/validate.out" "$work/validate.err"
    if ((code != 0)); then
      {
        echo "### fnctl: $title is not valid"
        echo
        echo '```text'
        cat "$work/validate.err"
        echo '```'
      } >"$work/body.md"
      cat "$work/body.md" >>"$summary"
      comment "$work/body.md"
      outputs "$code" false ""
      exit "$code"
    fi

    run_fnctl "$work/plan.md" "$work/plan.err" plan "${spec_args[@]}" \
      --detailed-exitcode --format markdown --out "$plan_file"
    cat "$work/plan.err" >&2
    if ((code != 0 && code != 2)); then
      {
        echo "### fnctl plan failed for $title (exit $code)"
        echo
        echo '```text'
        cat "$work/plan.err"
        echo '```'
      } >"$work/body.md"
      cat "$work/body.md" >>"$summary"
      comment "$work/body.md"
      outputs "$code" false ""
      exit "$code"
    fi
    cat "$work/plan.md"
    {
      echo "### fnctl plan: $title"
      echo
      cat "$work/plan.md"
    } >"$work/body.md"
    cat "$work/body.md" >>"$summary"
    comment "$work/body.md"
    outputs "$code" "$([[ $code == 2 ]] && echo true || echo false)" "$(readlink -f "$plan_file")"
    exit 0
    ;;

  apply)
    if [[ -n "$plan_file" ]]; then
      [[ -f "$plan_file" ]] || {
        echo "::error title=fnctl::plan-file $plan_file does not exist in $(pwd)"
        outputs 1 false ""
        exit 1
      }
      args=(apply --auto-approve "$plan_file")
    else
      args=(apply --auto-approve "${spec_args[@]}")
    fi
    LIVE=1 run_fnctl "$work/apply.out" "$work/apply.err" "${args[@]}"
    ((shown)) || cat "$work/apply.out" "$work/apply.err"
    {
      echo "### fnctl apply: $title$([[ -n "$plan_file" ]] && echo " (saved plan \`$plan_file\`)")"
      echo
      echo '```text'
      cat "$work/apply.out" "$work/apply.err"
      echo '```'
    } >>"$summary"
    changed=false
    if grep -Eq '^Apply complete! Resources: .*[1-9][0-9]* (added|changed|destroyed)' "$work/apply.out"; then
      changed=true
    fi
    outputs "$code" "$changed" "$([[ -n "$plan_file" ]] && readlink -f "$plan_file" || true)"
    exit "$code"
    ;;

  *)
    echo "::error title=fnctl::command must be plan or apply, not '$command'"
    outputs 3 false ""
    exit 3
    ;;
esac
