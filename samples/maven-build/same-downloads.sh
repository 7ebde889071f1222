# Sourced by the offline-build scripts. missed_nothing CASSETTE fails, printing the misses, when the replay from
# CASSETTE missed requests. same_downloads RECORDED REPLAYED fails unless two local Maven repositories
# hold the same downloaded files, byte for byte, and then prints "identical: all N files ...". Files Maven writes
# about a download (when, from where) rather than the download itself differ by nature and are left out.
downloads() {
  (cd "$1" && find . -type f ! -name '_remote.repositories' ! -name '*.lastUpdated' \
     ! -name 'resolver-status.properties' | sort)
}

same_downloads() {
  local recorded=$1 replayed=$2 count=0 file
  if [ "$(downloads "$recorded")" != "$(downloads "$replayed")" ]; then
    diff <(downloads "$recorded") <(downloads "$replayed") >&2 || true
    echo "== the replayed build downloaded other files than the recorded one" >&2
    return 1
  fi
  while read -r file; do
    cmp -s "$recorded/$file" "$replayed/$file" || { echo "== $file differs" >&2; return 1; }
    count=$((count + 1))
  done < <(downloads "$recorded")
  echo "== identical: all $count files Maven downloaded are byte-identical between the recorded and the replayed build"
}

missed_nothing() {
  if [ -f "$1/.netrec/replay-misses.txt" ]; then
    cat "$1/.netrec/replay-misses.txt" >&2
    echo "== the replay missed requests" >&2
    return 1
  fi
}
