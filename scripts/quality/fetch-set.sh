# Sourced by heldout.sh and fresh.sh: fetch_set DIR SET downloads each package of SET (lines of
# "<package> <path in the package (.pdf or .pdf.gz)> <name in DIR>") into DIR/debs and extracts each PDF to
# DIR/<name>, skipping what is already there; then lists DIR's PDFs. Needs apt's package lists and dpkg-deb.
fetch_set() {
  local dir=$1 set=$2 pkg path name deb
  mkdir -p "$dir/debs"
  dir=$(cd "$dir" && pwd)
  (
    cd "$dir/debs"
    for pkg in $(echo "$set" | awk 'NF{print $1}' | sort -u); do
      ls "${pkg}"_*.deb >/dev/null 2>&1 || apt-get download "$pkg" >/dev/null
    done
    echo "$set" | while read -r pkg path name; do
      [ -n "$pkg" ] || continue
      [ -s "$dir/$name" ] && continue
      deb=$(ls "${pkg}"_*.deb | head -1)
      if [[ $path == *.gz ]]; then
        dpkg-deb --fsys-tarfile "$deb" | tar -xO "./$path" | gunzip > "$dir/$name"
      else
        dpkg-deb --fsys-tarfile "$deb" | tar -xO "./$path" > "$dir/$name"
      fi
    done
  )
  ls "$dir"/*.pdf
}
