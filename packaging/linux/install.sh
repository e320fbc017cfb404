#!/bin/sh
# Install Cable Annotator for this user, from the unpacked bundle this script sits in:
#   the application folder  -> ~/.local/lib/cable-annotator/
#   the command             -> ~/.local/bin/cable-annotator (a link)
#   desktop entry, icons, MIME type, AppStream file -> ~/.local/share (XDG_DATA_HOME)
# No root needed, nothing outside your home is touched. `./install.sh --uninstall`
# removes all of it again (your projects, in ~/.local/share/cable-annotator/, stay).
set -eu

APP_ID=org.cableannotator.CableAnnotator
here=$(cd "$(dirname "$0")" && pwd)
data_home=${XDG_DATA_HOME:-$HOME/.local/share}
lib_dir=$HOME/.local/lib/cable-annotator
bin_dir=$HOME/.local/bin
command_path=$bin_dir/cable-annotator

say() { printf '%s\n' "$*"; }

refresh_caches() {
    # Each tool is optional: desktops without it re-read the folders on their own.
    if command -v update-mime-database >/dev/null 2>&1; then
        update-mime-database "$data_home/mime" >/dev/null 2>&1 || true
    fi
    if command -v update-desktop-database >/dev/null 2>&1; then
        update-desktop-database -q "$data_home/applications" 2>/dev/null || true
    fi
    if command -v gtk-update-icon-cache >/dev/null 2>&1; then
        gtk-update-icon-cache -q -t -f "$data_home/icons/hicolor" 2>/dev/null || true
    fi
    touch "$data_home/icons/hicolor" 2>/dev/null || true
}

installed_files() {
    # Every file this script puts under share/, by its path relative to share/.
    (cd "$here/share" && find . -type f | sed 's|^\./||')
}

uninstall() {
    if [ -d "$here/share" ]; then
        installed_files | while IFS= read -r file; do rm -f "$data_home/$file"; done
    fi
    rm -f "$data_home/applications/$APP_ID.desktop" "$data_home/metainfo/$APP_ID.metainfo.xml" \
        "$data_home/mime/packages/cable-annotator.xml"
    if [ -L "$command_path" ]; then rm -f "$command_path"; fi
    rm -rf "$lib_dir"
    refresh_caches
    say "Cable Annotator removed. Your projects in $data_home/cable-annotator/ are kept."
}

# Quote a path for a desktop entry's Exec key (the Desktop Entry spec's rules).
exec_quoted() {
    printf '"%s"' "$(printf '%s' "$1" | sed 's/[\\"`$]/\\&/g')"
}

install() {
    if [ ! -x "$here/cable-annotator/cable-annotator" ] || [ ! -d "$here/share" ]; then
        say "install.sh: run me from the unpacked bundle (cable-annotator/ and share/ beside me)." >&2
        exit 1
    fi
    mkdir -p "$(dirname "$lib_dir")" "$bin_dir"
    rm -rf "$lib_dir.new"
    cp -R "$here/cable-annotator" "$lib_dir.new"
    rm -rf "$lib_dir"
    mv "$lib_dir.new" "$lib_dir"
    ln -sf "$lib_dir/cable-annotator" "$command_path"

    installed_files | while IFS= read -r file; do
        mkdir -p "$(dirname "$data_home/$file")"
        cp "$here/share/$file" "$data_home/$file"
    done
    # The menu starts the installed command by its full path: ~/.local/bin is not on
    # every desktop session's PATH.
    desktop=$data_home/applications/$APP_ID.desktop
    quoted=$(exec_quoted "$command_path" | sed 's/[&|\\]/\\&/g')
    tryexec=$(printf '%s' "$command_path" | sed 's/[&|\\]/\\&/g')
    sed -e "s|^Exec=cable-annotator |Exec=$quoted |" -e "s|^TryExec=.*|TryExec=$tryexec|" \
        "$here/share/applications/$APP_ID.desktop" > "$desktop.new"
    mv "$desktop.new" "$desktop"
    refresh_caches

    say "Cable Annotator $("$command_path" --version | sed 's/^cable-annotator //') installed:"
    say "  application  $lib_dir"
    say "  command      $command_path"
    say "  menu entry   $desktop"
    case ":$PATH:" in
        *":$bin_dir:"*) ;;
        *) say "  ($bin_dir is not on your PATH; add it to use 'cable-annotator' in a terminal)" ;;
    esac
}

case "${1:-}" in
    "") install ;;
    --uninstall) uninstall ;;
    -h|--help) sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//' ;;
    *) say "install.sh: unknown option $1 (use --uninstall or --help)" >&2; exit 2 ;;
esac
