#!/usr/bin/env bash
# fetch.sh NAME URL CHECKSUM DEST [EXTRACT_DIR [HOLDS]]
# Downloads URL (http(s):// or file://) to DEST, verifies CHECKSUM ("md5:HEX", "sha256:HEX",
# "gunzip-md5:HEX" for the MD5 of a .gz file's content, which a mirror that recompressed it keeps, or
# "none" where the publisher gives none: the computed sha256 is then printed for you to pin), and
# unpacks .tar.gz/.tgz/.zip archives into EXTRACT_DIR: once per download, and again if HOLDS (a path
# the unpacked archive holds) has gone. A DEST already there (an earlier fetch, or a file saved by
# hand) is verified the same way. Nothing is left half-downloaded: the file is fetched to DEST.part
# and renamed only once verified. Offline, it says where to put the files. Messages name the make
# target (FETCH_TARGET, default fetch-NAME) and the variable that pins the checksum (NAME_CHECKSUM).
set -euo pipefail
name=$1 url=$2 checksum=$3 dest=$4 extract=${5:-} holds=${6:-}
target=${FETCH_TARGET:-fetch-$name}
pin=$(printf '%s' "$name" | tr 'a-z-' 'A-Z_')_CHECKSUM
mkdir -p "$(dirname "$dest")"

case $checksum in
  md5:*|sha256:*|none) ;;
  gunzip-md5:*) command -v gzip > /dev/null || { echo "$target: gzip is needed to check $checksum (apt install gzip)" >&2; exit 1; } ;;
  *) echo "$target: bad checksum spec '$checksum' (md5:HEX, sha256:HEX, gunzip-md5:HEX or none)" >&2; exit 2 ;;
esac

# The checksum of FILE in CHECKSUM's kind; fails, saying why and naming it as WHAT, when its content
# cannot be read.
checksum_of() {
  case $checksum in
    md5:*) echo "md5:$(md5sum "$1" | cut -d' ' -f1)" ;;
    sha256:*) echo "sha256:$(sha256sum "$1" | cut -d' ' -f1)" ;;
    gunzip-md5:*)
      local sum
      sum=$(gzip -dc "$1" | md5sum) || { echo "$target: $2 does not decompress cleanly (gzip's complaint above)" >&2; return 1; }
      echo "gunzip-md5:${sum%% *}" ;;
    none) echo none ;;
  esac
}

if [ -s "$dest" ]; then
  actual=$(checksum_of "$dest" "$dest") || { echo "$target: remove $dest to download it again" >&2; exit 1; }
  if [ "$actual" != "$checksum" ]; then
    echo "$target: $dest is there but its checksum is $actual, not $checksum: remove it to download again, or set $pin=$actual if it is a copy you trust" >&2
    exit 1
  fi
else
  if ! curl -fsSL --retry 2 --connect-timeout 20 -o "$dest.part" "$url" 2>"$dest.log"; then
    rm -f "$dest.part"
    echo "$target: could not download $url ($(tail -1 "$dest.log"))" >&2
    echo "$target: download it by hand from that address and save it as $dest, then run make $target again" >&2
    rm -f "$dest.log"
    exit 1
  fi
  rm -f "$dest.log"
  actual=$(checksum_of "$dest.part" "what $url gave") || { rm -f "$dest.part"; exit 1; }
  [ "$checksum" != none ] || echo "$target: no published checksum; sha256 of what was downloaded: $(sha256sum "$dest.part" | cut -d' ' -f1)"
  if [ "$actual" != "$checksum" ]; then
    rm -f "$dest.part"
    echo "$target: checksum mismatch for $url: expected $checksum, got $actual (set $pin= to pin another file)" >&2
    exit 1
  fi
  mv "$dest.part" "$dest"
fi
# Reads the archive through without unpacking it: fails on a damaged one.
verify() {
  case $dest in
    *.tar.gz|*.tgz) tar -tzf "$dest" > /dev/null ;;
    *.zip) unzip -tqq "$dest" ;;
  esac
}

unpack() {
  case $dest in
    *.tar.gz|*.tgz) tar -xzf "$dest" -C "$extract" ;;
    *.zip) unzip -q -o "$dest" -d "$extract" ;;
  esac
}

if [ -n "$extract" ]; then
  # Unpacked once per download: the stamp is newer than the archive it was unpacked from.
  stamp=$extract/.unpacked-$(basename "$dest")
  if [ ! "$stamp" -nt "$dest" ] || { [ -n "$holds" ] && [ ! -e "$holds" ]; }; then
    # Read through first, so that a damaged archive (with no published checksum, only reading it
    # finds out) leaves nothing half-unpacked to pass for a dataset.
    if ! problem=$(verify 2>&1); then
      echo "$target: $dest is damaged (${problem%%$'\n'*}): remove it and run make $target again" >&2
      exit 1
    fi
    mkdir -p "$extract"
    if ! problem=$(unpack 2>&1); then
      echo "$target: could not unpack $dest into $extract (${problem%%$'\n'*}); make $target unpacks it again" >&2
      exit 1
    fi
    touch "$stamp"
  fi
fi
