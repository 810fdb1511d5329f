#!/usr/bin/env bash
# fetch.sh NAME URL CHECKSUM DEST [EXTRACT_DIR]
# Downloads URL (http(s):// or file://) to DEST, verifies CHECKSUM ("md5:HEX", "sha256:HEX", or
# "none" where the publisher gives none: the computed sha256 is then printed for you to pin), and
# unpacks .tar.gz/.tgz/.zip archives into EXTRACT_DIR. Nothing is left half-downloaded: the file is
# fetched to DEST.part and renamed only once verified. Offline, it says where to put the files.
set -euo pipefail
name=$1 url=$2 checksum=$3 dest=$4 extract=${5:-}
mkdir -p "$(dirname "$dest")"
if [ -s "$dest" ]; then
  echo "fetch-$name: $dest already present"
else
  if ! curl -fL --retry 2 --connect-timeout 20 -o "$dest.part" "$url" 2>"$dest.log"; then
    rm -f "$dest.part"
    echo "fetch-$name: could not download $url ($(tail -1 "$dest.log"))" >&2
    echo "fetch-$name: download it by hand from that address and save it as $dest, then run make fetch-$name again" >&2
    rm -f "$dest.log"
    exit 1
  fi
  rm -f "$dest.log"
  case $checksum in
    md5:*) actual=md5:$(md5sum "$dest.part" | cut -d' ' -f1) ;;
    sha256:*) actual=sha256:$(sha256sum "$dest.part" | cut -d' ' -f1) ;;
    none) actual=none; echo "fetch-$name: no published checksum; sha256 of what was downloaded: $(sha256sum "$dest.part" | cut -d' ' -f1)" ;;
    *) echo "fetch-$name: bad checksum spec '$checksum'" >&2; rm -f "$dest.part"; exit 2 ;;
  esac
  if [ "$actual" != "$checksum" ]; then
    rm -f "$dest.part"
    echo "fetch-$name: checksum mismatch for $url: expected $checksum, got $actual" >&2
    exit 1
  fi
  mv "$dest.part" "$dest"
fi
if [ -n "$extract" ]; then
  mkdir -p "$extract"
  case $dest in
    *.tar.gz|*.tgz) tar -xzf "$dest" -C "$extract" ;;
    *.zip) unzip -q -o "$dest" -d "$extract" ;;
  esac
fi
