#!/usr/bin/env bash
# Speed anchor for the renditions benchmarks: how fast libvips' own command-line tool makes
# what the worker makes, on the same machine, in the same run, from the same photos.
#
#   bench/vips-anchor.sh PHOTO_DIR [OUT_DIR]
#
# For every JPEG, PNG and WebP in PHOTO_DIR it writes the three renditions the worker writes:
# WebP at quality 80, long edge 2048, 1024 and 320 px, smaller photos left at their size, turned
# upright by their EXIF orientation (vipsthumbnail's default) and without metadata. The photos
# are dealt into LANES groups (default 2, like WORKER_CONCURRENCY) that run at the same time;
# each group calls vipsthumbnail once per size with all its photos, which is the quickest way
# to drive it (one process start per size, not per photo).
#
# Its last line of output, which bench/images-*.bench.ts read:
#   vipsthumbnail: <photos> photos in <seconds> s = <rate> photos/s
# Needs Debian's libvips-tools. OUT_DIR defaults to a new temporary folder.
set -euo pipefail

photos_dir=${1:?usage: vips-anchor.sh PHOTO_DIR [OUT_DIR]}
out_dir=${2:-$(mktemp -d)}
lanes=${LANES:-2}

if ! command -v vipsthumbnail >/dev/null 2>&1; then
  echo "vips-anchor: vipsthumbnail not found (apt-get install libvips-tools)" >&2
  exit 2
fi
mkdir -p "$out_dir"
out_dir=$(cd "$out_dir" && pwd)

photos=()
while IFS= read -r -d '' path; do
  photos+=("$path")
done < <(find "$photos_dir" -maxdepth 1 -type f \
  \( -iname '*.jpg' -o -iname '*.jpeg' -o -iname '*.png' -o -iname '*.webp' \) -print0 | sort -z)
count=${#photos[@]}
if ((count == 0)); then
  echo "vips-anchor: no photos in $photos_dir" >&2
  exit 2
fi

# One lane: the three sizes, each a single vipsthumbnail over the lane's photos.
lane() {
  local edge
  for edge in 2048 1024 320; do
    vipsthumbnail --size "${edge}x${edge}>" --output "$out_dir/%s.$edge.webp[Q=80,strip]" "$@"
  done
}

started=$(date +%s%N)
pids=()
for ((l = 0; l < lanes; l++)); do
  group=()
  for ((i = l; i < count; i += lanes)); do group+=("${photos[i]}"); done
  ((${#group[@]} > 0)) || continue
  lane "${group[@]}" &
  pids+=($!)
done
for pid in "${pids[@]}"; do wait "$pid"; done
finished=$(date +%s%N)

awk -v n="$count" -v ns="$((finished - started))" \
  'BEGIN { s = ns / 1e9; printf "vipsthumbnail: %d photos in %.2f s = %.2f photos/s\n", n, s, n / s }'
