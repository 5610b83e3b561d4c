#!/usr/bin/env bash
# Makes the Linux product start faster (issue #16), after its runtime was made with jlink:
#  1. the Equinox launcher and framework jars lose their signature files (UnsignJar.java says why);
#  2. the product is started once, in a scratch copy (so nothing it writes lands in the product), on a display,
#     until its window is up; the JVM writes the classes it loaded and linked on the way into a class data sharing
#     archive, jre/lib/chirp.jsa, which the launch script gives to the bundled runtime. Archived classes are
#     mapped instead of read, parsed and verified again: the window appears ~0.8 s sooner on a 2-core machine.
# Without a display or Xvfb the product is left without the archive (it starts, only slower), said as a warning.
#   startup-archive.sh PRODUCT_DIR JAVA_HOME_OF_THE_BUILD
set -euo pipefail
product=$1 jdk=$2
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
archive="$product/jre/lib/chirp.jsa"

# the runtime's archive for heaps over 32 GB, which the launch script's -Xmx2g never uses
rm -f "$product/jre/lib/server/classes_nocoops.jsa"
"$jdk/bin/java" "$here/UnsignJar.java" "$product"/plugins/org.eclipse.equinox.launcher_*.jar \
	"$product"/plugins/org.eclipse.osgi_*.jar

# a private Xvfb where there is one, so no window flashes up on the desktop of whoever builds
if command -v xvfb-run >/dev/null 2>&1; then
	display=(xvfb-run -a -s "-screen 0 1400x950x24")
elif [ -n "${DISPLAY:-}" ]; then
	display=()
else
	echo "[WARNING] startup-archive.sh: no DISPLAY and no xvfb-run: the product has no start-up archive and starts slower" >&2
	exit 0
fi

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
rm -f "$archive"
cp -a "$product" "$scratch/product"
mkdir -p "$scratch/runs"
set +e
# the same JVM options as every start (the launch script's), plus the dump; Chirp quits once its window is up
out=$(CHIRP_VM_ARGS="-Dchirp.startupReport=true -Dchirp.runs=$scratch/runs -XX:ArchiveClassesAtExit=$scratch/chirp.jsa" \
	"${display[@]}" "$scratch/product/chirp" -data "$scratch/workspace" -clearPersistedState 2>&1)
rc=$?
set -e
if [ "$rc" != 0 ] || [ ! -s "$scratch/chirp.jsa" ] || ! grep -q '^chirp-startup' <<<"$out"; then
	echo "startup-archive.sh: the product did not start and quit cleanly while making its start-up archive (exit $rc):" >&2
	echo "$out" >&2
	exit 1
fi
cp "$scratch/chirp.jsa" "$archive"
echo "startup-archive.sh: $(du -h "$archive" | cut -f1) start-up archive in jre/lib/chirp.jsa ($(grep '^chirp-startup' <<<"$out"))"
