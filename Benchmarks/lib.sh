# Shared by the Benchmarks/ scripts: source it, then call assay_binary.

# Prints the path of the assay binary to measure: $ASSAY_BIN when set, else a release build of
# this repository (built now, its output on stderr).
assay_binary() {
  local repo=$1
  if [ -n "${ASSAY_BIN:-}" ]; then
    echo "$ASSAY_BIN"
    return
  fi
  echo "== building assay (release)" >&2
  (cd "$repo" && swift build -c release --product assay >&2)
  echo "$(cd "$repo" && swift build -c release --show-bin-path)/assay"
}
