# test-data.py: the desktop integration data, the shortcuts window and the
# Flatpak manifest agree with each other and with the project.
#
# Copyright 2026 The Attest developers
# SPDX-License-Identifier: GPL-3.0-or-later

import configparser
import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

SOURCE = os.environ.get("ATTEST_SOURCE_ROOT",
                        os.path.join(os.path.dirname(__file__), "..", ".."))
BUILD = os.environ.get("ATTEST_BUILD_ROOT", os.path.join(SOURCE, "_build"))
APP_ID = "io.github.attest.Attest"

sys.path.insert(0, os.path.join(SOURCE, "tests", "cli"))
import taptest  # noqa: E402


def project_version():
    with open(os.path.join(SOURCE, "meson.build"), encoding="utf-8") as f:
        match = re.search(r"version:\s*'([^']+)'", f.read())
    assert match, "no version in meson.build"
    return match.group(1)


def read_desktop(path):
    parser = configparser.RawConfigParser(interpolation=None, strict=True)
    parser.optionxform = str
    with open(path, encoding="utf-8") as f:
        parser.read_file(f)
    return parser["Desktop Entry"]


def test_flatpak_manifest():
    path = os.path.join(SOURCE, "flatpak", APP_ID + ".json")
    with open(path, encoding="utf-8") as f:
        manifest = json.load(f)

    assert manifest["id"] == APP_ID
    assert manifest["runtime"] == "org.gnome.Platform"
    assert manifest["sdk"] == "org.gnome.Sdk"
    assert int(manifest["runtime-version"]) >= 45, manifest["runtime-version"]
    assert manifest["command"] == "attest"

    args = manifest["finish-args"]
    for arg in ("--share=ipc", "--socket=fallback-x11", "--socket=wayland",
                "--device=dri", "--filesystem=home"):
        assert arg in args, arg
    # Offline by design: no network, no host-wide file access.
    assert "--share=network" not in args
    assert not any(a.startswith("--filesystem=host") for a in args)
    assert len(args) == len(set(args)), "duplicate finish-args"

    modules = {m["name"]: m for m in manifest["modules"]}
    assert list(modules) == ["simdjson", "attest"], list(modules)

    simdjson = modules["simdjson"]
    assert simdjson["buildsystem"] in ("cmake", "cmake-ninja")
    assert "-DBUILD_SHARED_LIBS=ON" in simdjson["config-opts"]
    (source,) = simdjson["sources"]
    assert source["type"] == "git"
    assert source["url"].startswith("https://github.com/simdjson/simdjson")
    major = int(re.match(r"v(\d+)\.", source["tag"]).group(1))
    assert major >= 3, "meson.build asks for simdjson >= 3.0"

    attest = modules["attest"]
    assert attest["buildsystem"] == "meson"
    assert attest["sources"] == [{"type": "dir", "path": ".."}]
    # The dir source is relative to the manifest: it must be the project.
    assert os.path.isfile(os.path.join(os.path.dirname(path), "..", "meson.build"))


def test_desktop_file():
    entry = read_desktop(os.path.join(BUILD, "data", APP_ID + ".desktop"))

    assert entry["Name"] == "Attest"
    assert entry["Icon"] == APP_ID
    assert entry["Exec"].split()[0] == "attest"
    assert entry["Type"] == "Application"
    assert entry["Terminal"] == "false"
    assert "Office" in entry["Categories"].split(";")
    assert "text/plain" in entry["MimeType"].split(";")
    assert entry["Keywords"].endswith(";")
    # The binary it starts is the one meson builds.
    with open(os.path.join(SOURCE, "src", "gui", "meson.build"), encoding="utf-8") as f:
        assert "executable('attest'" in f.read()


def test_metainfo():
    tree = ET.parse(os.path.join(BUILD, "data", APP_ID + ".metainfo.xml"))
    root = tree.getroot()

    assert root.get("type") == "desktop-application"
    assert root.findtext("id") == APP_ID
    assert root.findtext("launchable") == APP_ID + ".desktop"
    assert root.find("launchable").get("type") == "desktop-id"
    assert root.findtext("project_license") == "GPL-3.0-or-later"
    assert root.findtext("metadata_license") == "CC0-1.0"
    assert root.find("content_rating").get("type") == "oars-1.1"
    assert len(root.findall("description/p")) >= 2

    releases = root.findall("releases/release")
    assert releases, "no releases"
    assert releases[0].get("version") == project_version()
    assert re.fullmatch(r"\d{4}-\d\d-\d\d", releases[0].get("date"))

    screenshots = root.findall("screenshots/screenshot")
    assert len(screenshots) >= 1
    assert sum(1 for s in screenshots if s.get("type") == "default") == 1
    for shot in screenshots:
        url = shot.findtext("image")
        assert re.fullmatch(r"https://raw\.githubusercontent\.com/attest/attest/main/"
                            r"data/screenshots/[a-z0-9-]+\.png", url), url
        assert shot.findtext("caption")

    # Each one is a picture build-aux/screenshots.sh takes.
    script = os.path.join(SOURCE, "build-aux", "screenshots.sh")
    if os.path.isfile(script):
        with open(script, encoding="utf-8") as f:
            taken = set(re.findall(r"^shot ([a-z0-9-]+) ", f.read(), re.M))
        for shot in screenshots:
            name = shot.findtext("image").rsplit("/", 1)[1][:-len(".png")]
            assert name in taken, name

    binaries = [b.text for b in root.findall("provides/binary")]
    assert binaries == ["attest", "attest-cli"], binaries


def svg_size(path):
    root = ET.parse(path).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg", root.tag
    return root.get("width"), root.get("height"), root.get("viewBox"), root


def test_icons():
    icons = os.path.join(SOURCE, "data", "icons", "hicolor")

    width, height, view_box, _ = svg_size(
        os.path.join(icons, "scalable", "apps", APP_ID + ".svg"))
    assert (width, height, view_box) == ("128", "128", "0 0 128 128")

    width, height, view_box, root = svg_size(
        os.path.join(icons, "symbolic", "apps", APP_ID + "-symbolic.svg"))
    assert (width, height, view_box) == ("16", "16", "0 0 16 16")
    # Symbolic icons are one colour, which GTK recolours.
    fills = {e.get("fill") for e in root.iter() if e.get("fill") not in (None, "none")}
    assert fills == {"#2e3436"}, fills

    # The corpus sidebar's status icons, the same way.
    status = os.path.join(SOURCE, "src", "gui", "icons", "scalable", "status")
    names = sorted(os.listdir(status))
    assert names == ["attest-status-done-symbolic.svg",
                     "attest-status-in-progress-symbolic.svg",
                     "attest-status-new-symbolic.svg"], names
    with open(os.path.join(SOURCE, "src", "gui", "attest.gresource.xml"), encoding="utf-8") as f:
        resources = f.read()
    for name in names:
        width, height, _, root = svg_size(os.path.join(status, name))
        assert (width, height) == ("16", "16"), name
        fills = {e.get("fill") for e in root.iter() if e.get("fill") not in (None, "none")}
        assert fills == {"#2e3436"}, (name, fills)
        assert "icons/scalable/status/" + name in resources, name


def test_schema():
    compiled = os.path.join(BUILD, "data", "gschemas.compiled")
    assert os.path.isfile(compiled), "data/meson.build did not compile the schema"

    expected = {"annotator", "font", "snap-to-words", "exclude-quote-marks",
                "relation-display", "autosave-delay", "window-width",
                "window-height", "window-maximized", "last-folder", "show-sidebar"}
    root = ET.parse(os.path.join(SOURCE, "data", APP_ID + ".gschema.xml")).getroot()
    (schema,) = root.findall("schema")
    assert schema.get("id") == APP_ID
    assert schema.get("path") == "/io/github/attest/Attest/"
    assert {k.get("name") for k in schema.findall("key")} == expected

    gsettings = shutil.which("gsettings")
    if gsettings:
        out = subprocess.run([gsettings, "--schemadir", os.path.dirname(compiled),
                              "list-keys", APP_ID],
                             capture_output=True, text=True, check=True).stdout
        assert set(out.split()) == expected, out


# Every shortcut of the app (the list all engineers share), as GTK
# accelerator strings.
SHORTCUTS = [
    "<ctrl>o", "<ctrl><shift>o", "<ctrl>s", "<ctrl>z", "<ctrl><shift>z", "<ctrl>y",
    "<ctrl>comma", "<ctrl>question", "<ctrl>q", "<ctrl>w", "F10", "F9",
    "<alt>Left", "<alt>Right", "<ctrl>Return", "F6", "<shift>F6", "F2",
    "<ctrl>1...<ctrl>9",
    "q", "s", "f", "Tab", "<shift>Tab", "Delete", "BackSpace", "Escape", "l",
    "bracketright", "bracketleft", "braceleft", "braceright", "quotedbl",
    "Return", "<ctrl><shift>Return",
    "<shift>Left", "<shift>Right", "<shift>Up", "<shift>Down",
    "<ctrl><shift>Left", "<ctrl><shift>Right",
]

GROUPS = ["Files", "Articles in a Folder", "Annotating", "Editing Spans",
          "Suggestions", "View", "General"]


def test_help_overlay():
    path = os.path.join(SOURCE, "src", "gui", "gtk", "help-overlay.ui")
    root = ET.parse(path).getroot()
    (window,) = [o for o in root.findall("object") if o.get("class") == "GtkShortcutsWindow"]
    assert window.get("id") == "help_overlay"

    groups = [g for g in root.iter("object") if g.get("class") == "GtkShortcutsGroup"]
    titles = [g.find("property[@name='title']").text for g in groups]
    assert titles == GROUPS, titles

    accels = set()
    gestures = []
    for shortcut in root.iter("object"):
        if shortcut.get("class") != "GtkShortcutsShortcut":
            continue
        title = shortcut.find("property[@name='title']")
        assert title is not None and title.get("translatable") == "yes"
        accel = shortcut.find("property[@name='accelerator']")
        if accel is None:
            gestures.append(title.text)
        else:
            accels.update(accel.text.split())

    missing = [s for s in SHORTCUTS if s not in accels]
    assert not missing, missing
    assert gestures == ["Select a word"], gestures


def test_potfiles():
    with open(os.path.join(SOURCE, "po", "POTFILES.in"), encoding="utf-8") as f:
        listed = [line.strip() for line in f if line.strip() and not line.startswith("#")]
    for name in listed:
        assert os.path.isfile(os.path.join(SOURCE, name)), name
    for name in ("data/" + APP_ID + ".desktop.in",
                 "data/" + APP_ID + ".metainfo.xml.in",
                 "data/" + APP_ID + ".gschema.xml",
                 "src/gui/attest-corpus-sidebar.c",
                 "src/gui/attest-corpus-sidebar.ui",
                 "src/gui/attest-preferences-window.c",
                 "src/gui/attest-preferences-window.ui",
                 "src/gui/gtk/help-overlay.ui"):
        assert name in listed, name


sys.exit(taptest.run(globals()))
