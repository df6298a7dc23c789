#!/usr/bin/env bash
# Puts BODY_FILE on the pull request as fnctl's comment for KEY (spec and target): the first run
# creates it, later runs update that same comment, found by a hidden marker, so a pull request has
# one fnctl comment per spec and target however often it is pushed to.
#
#   action/comment.sh BODY_FILE KEY
#
#   GITHUB_TOKEN       a token allowed to write pull-request comments
#   GITHUB_REPOSITORY  owner/name
#   GITHUB_EVENT_PATH  the event payload: the pull request's number is read from it
#   GITHUB_API_URL     the REST API (default https://api.github.com)
set -euo pipefail

body_file="$1"
key="$2"
api="${GITHUB_API_URL:-https://api.github.com}"
repo="${GITHUB_REPOSITORY:?GITHUB_REPOSITORY is not set}"
: "${GITHUB_TOKEN:?GITHUB_TOKEN is not set: give the action github-token (the default is the job token)}"

number=""
if [[ -n "${GITHUB_EVENT_PATH:-}" && -f "$GITHUB_EVENT_PATH" ]]; then
  number="$(jq -r '.pull_request.number // (if .issue.pull_request then .issue.number else empty end) // empty' "$GITHUB_EVENT_PATH")"
fi
if [[ -z "$number" ]]; then
  echo "fnctl: not a pull-request event: no comment written"
  exit 0
fi

# The marker: an HTML comment, invisible on GitHub, naming the spec and target.
while [[ "$key" == *--* ]]; do key="${key//--/-}"; done   # "--" would end the HTML comment
marker="<!-- fnctl-plan: $key -->"
# GitHub refuses comments over 65,536 characters; fnctl's Markdown plan keeps within that, the
# marker and title need a little more room, so a plan at the very limit is cut with a note.
limit=65000
body="$(cat "$body_file")"
if ((${#body} > limit)); then
  body="${body:0:limit}"$'\n\n'"_(cut to fit a comment: the whole plan is in the job summary)_"
fi
payload="$(jq -n --arg body "$marker"$'\n'"$body" '{body: $body}')"

gh_api() {
  local method="$1" path="$2"
  shift 2
  curl -sS --fail-with-body --retry 2 -X "$method" \
    -H "Authorization: Bearer $GITHUB_TOKEN" \
    -H "Accept: application/vnd.github+json" \
    -H "X-GitHub-Api-Version: 2022-11-28" \
    "$@" "$api$path"
}

# The existing comment: every page of the pull request's comments (100 a page) is searched.
id=""
page=1
while true; do
  comments="$(gh_api GET "/repos/$repo/issues/$number/comments?per_page=100&page=$page")"
  id="$(jq -r --arg m "$marker" '[.[] | select((.body // "") | startswith($m))][0].id // empty' <<<"$comments")"
  [[ -n "$id" ]] && break
  [[ "$(jq 'length' <<<"$comments")" -lt 100 ]] && break
  page=$((page + 1))
done

if [[ -n "$id" ]]; then
  gh_api PATCH "/repos/$repo/issues/comments/$id" -H "Content-Type: application/json" -d "$payload" >/dev/null
  echo "fnctl: updated the plan comment on pull request #$number"
else
  gh_api POST "/repos/$repo/issues/$number/comments" -H "Content-Type: application/json" -d "$payload" >/dev/null
  echo "fnctl: commented the plan on pull request #$number"
fi
