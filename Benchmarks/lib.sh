# Shared by the Benchmarks/ scripts: source it, then call assay_binary.

# Prints the path of the assay binary to measure: $ASSAY_BIN when set, else a release build of
# this repository as .ci/package-deb ships it (the Swift runtime linked in, --static-swift-stdlib,
# in .build-release; built now, its output on stderr).
assay_binary() {
  local repo=$1
  if [ -n "${ASSAY_BIN:-}" ]; then
    echo "$ASSAY_BIN"
    return
  fi
  local build=(swift build -c release --static-swift-stdlib --product assay --scratch-path .build-release)
  echo "== building assay (release, as shipped)" >&2
  (cd "$repo" && "${build[@]}" >&2)
  echo "$(cd "$repo" && "${build[@]}" --show-bin-path)/assay"
}
