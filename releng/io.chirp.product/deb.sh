#!/usr/bin/env bash
# Makes chirp_<version>_amd64.deb from the materialized Linux product (with its own runtime): installs under
# /opt/chirp, puts `chirp` on PATH (/usr/bin/chirp starts /opt/chirp/chirp), adds a desktop entry with an icon,
# depends on GTK 3. Removing the package leaves only what the user made (~/.chirp).
#   deb.sh PRODUCT_DIR ICON_PNG VERSION OUT_DIR
set -euo pipefail
product=$1 icon=$2 version=$3 out=$4
if ! command -v dpkg-deb >/dev/null 2>&1; then
	echo "deb.sh: no dpkg-deb on this machine: no Debian package made" >&2
	exit 0
fi
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
mkdir -p "$root/DEBIAN" "$root/opt" "$root/usr/bin" "$root/usr/share/applications" \
	"$root/usr/share/icons/hicolor/48x48/apps"
cp -a "$product" "$root/opt/chirp"
cat > "$root/usr/bin/chirp" <<'WRAPPER'
#!/bin/sh
# Chirp, installed by its Debian package
exec /opt/chirp/chirp "$@"
WRAPPER
chmod 755 "$root/usr/bin/chirp"
cp "$icon" "$root/usr/share/icons/hicolor/48x48/apps/chirp.png"
cat > "$root/usr/share/applications/chirp.desktop" <<'DESKTOP'
[Desktop Entry]
Type=Application
Name=Chirp
Comment=Watch long-running work live: training runs, acquisitions, simulations
Exec=chirp
Icon=chirp
Terminal=false
Categories=Development;Science;
DESKTOP
size=$(du -sk "$root" | cut -f1)
cat > "$root/DEBIAN/control" <<CONTROL
Package: chirp
Version: $version
Architecture: amd64
Maintainer: Chirp <chirp@example.invalid>
Installed-Size: $size
Depends: libgtk-3-0 | libgtk-3-0t64
Section: science
Priority: optional
Description: watch long-running work live and stay in control
 A desktop workbench (Eclipse RCP) that charts what a training run, an acquisition or a
 simulation produces while it runs, shows its output, and stops it cleanly. Carries its own
 Java runtime.
CONTROL
# Equinox keeps its caches in /opt/chirp/configuration when root runs Chirp: they go with the package
cat > "$root/DEBIAN/postrm" <<'POSTRM'
#!/bin/sh
set -e
case "$1" in
	remove|purge) rm -rf /opt/chirp ;;
esac
POSTRM
chmod 755 "$root/DEBIAN/postrm"
mkdir -p "$out"
dpkg-deb --build --root-owner-group -Zgzip "$root" "$out/chirp_${version}_amd64.deb" >/dev/null
echo "deb.sh: $out/chirp_${version}_amd64.deb"
