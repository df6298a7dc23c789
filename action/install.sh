#!/usr/bin/env bash
# Installs fnctl VERSION from its release archive into FNCTL_INSTALL_DIR (which actions/cache
# restores on later runs, so the download happens once per version) and puts its bin/ on the
# job's PATH.
#
#   FNCTL_VERSION           required, e.g. 0.1.0
#   FNCTL_DOWNLOAD_URL      the archive's URL, {version} replaced; .tar.gz or .zip (default: the
#                           GitHub release v{version} of FNCTL_ACTION_REPOSITORY)
#   FNCTL_SHA256            the archive's SHA-256, checked when given
#   FNCTL_INSTALL_DIR       where to unpack (default: $RUNNER_TOOL_CACHE/fnctl/VERSION)
#   GITHUB_PATH             the runner's file of directories to add to PATH
set -euo pipefail

fail() {
  echo "::error title=fnctl install::$*"
  echo "fnctl install: $*" >&2
  exit 1
}

version="${FNCTL_VERSION:-}"
[[ -n "$version" ]] || fail "the version input is required (e.g. version: 0.1.0)"
[[ "$version" =~ ^[A-Za-z0-9._+-]+$ ]] || fail "version '$version' is not a version number"
dir="${FNCTL_INSTALL_DIR:-${RUNNER_TOOL_CACHE:-$HOME/.cache}/fnctl/$version}"

url="${FNCTL_DOWNLOAD_URL:-}"
if [[ -z "$url" ]]; then
  [[ -n "${FNCTL_ACTION_REPOSITORY:-}" ]] ||
    fail "no download-url given and the action's repository is unknown: set download-url (e.g. https://github.com/OWNER/fnctl/releases/download/v{version}/fnctl-{version}.tar.gz)"
  url="${GITHUB_SERVER_URL:-https://github.com}/$FNCTL_ACTION_REPOSITORY/releases/download/v{version}/fnctl-{version}.tar.gz"
fi
url="${url//\{version\}/$version}"

if [[ -x "$dir/bin/fnctl" ]]; then
  echo "fnctl $version: installed in $dir (cached)"
else
  tmp="$(mktemp -d)"
  trap 'rm -rf "$tmp"' EXIT
  case "$url" in
    *.zip) archive="$tmp/fnctl.zip" ;;
    *) archive="$tmp/fnctl.tar.gz" ;;
  esac
  echo "fnctl $version: downloading $url"
  curl -fsSL --retry 3 --retry-connrefused -o "$archive" "$url" || fail "could not download $url"
  if [[ -n "${FNCTL_SHA256:-}" ]]; then
    actual="$(sha256sum "$archive" | cut -d' ' -f1)"
    [[ "$actual" == "${FNCTL_SHA256,,}" ]] ||
      fail "$url has SHA-256 $actual, not the expected $FNCTL_SHA256"
  fi
  mkdir -p "$tmp/unpacked"
  case "$archive" in
    *.zip) unzip -q "$archive" -d "$tmp/unpacked" ;;
    *) tar -xzf "$archive" -C "$tmp/unpacked" ;;
  esac || fail "$url is not a readable archive"
  # The archive holds one directory, fnctl-VERSION/ (with runtime/ in it in the jlink variant).
  top=("$tmp"/unpacked/*)
  [[ ${#top[@]} -eq 1 && -x "${top[0]}/bin/fnctl" ]] ||
    fail "$url is not an fnctl release archive (no fnctl-$version/bin/fnctl in it)"
  rm -rf "$dir"
  mkdir -p "$(dirname "$dir")"
  mv "${top[0]}" "$dir"
  echo "fnctl $version: installed in $dir"
fi

echo "$dir/bin" >>"${GITHUB_PATH:?GITHUB_PATH is not set: run this as a step of a GitHub Actions job}"
"$dir/bin/fnctl" --version
