#!/usr/bin/env python3
# test-html-chromium.py: the HTML report in a real browser
#
# Copyright 2026 The Attest developers
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The reports come from tests/core/test-format-html, which writes them to
# $ATTEST_HTML_OUT (run here into a temporary folder) or to
# $ATTEST_BUILD_ROOT/tests/html-out/. Chromium (Debian's "chromium") loads
# them headless: the hostile report's strings try to set document.title to
# PWNED, add a <div id="pwned">, and navigate to pwned.html; none may.
# Screenshots of the harbour report, light and dark, are kept in
# $ATTEST_BUILD_ROOT/tests/html-screenshots/ for a person to look at.

import html.parser
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import taptest  # noqa: E402

BUILD = os.environ.get("ATTEST_BUILD_ROOT", "_build")
CORE_TEST = os.path.join(BUILD, "tests", "core", "test-format-html")
SCREENSHOTS = os.path.join(BUILD, "tests", "html-screenshots")
SENTINEL = "PWNED"


def find_chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


def make_outputs():
    """The folder of reports: fresh from the core test when it is built."""
    if os.access(CORE_TEST, os.X_OK) and "ATTEST_TEST_DATA" in os.environ:
        folder = tempfile.mkdtemp(prefix="attest-html-")
        env = dict(os.environ, ATTEST_HTML_OUT=folder)
        r = subprocess.run([CORE_TEST, "--tap"], env=env, capture_output=True,
                           text=True, timeout=300)
        if r.returncode != 0:
            sys.stdout.write("".join("# " + line + "\n" for line in r.stdout.splitlines()))
            raise SystemExit("test-format-html failed; see above")
        return folder
    folder = os.path.join(BUILD, "tests", "html-out")
    return folder if os.path.isdir(os.path.join(folder, "hostile")) else None


CHROMIUM = find_chromium()
OUT = make_outputs() if CHROMIUM else None


def chromium(url, *args):
    profile = tempfile.mkdtemp(prefix="attest-chromium-")
    try:
        cmd = [CHROMIUM, "--headless", "--disable-gpu", "--no-sandbox",
               "--no-first-run", "--no-default-browser-check",
               "--disable-extensions", "--disable-background-networking",
               "--disable-sync", "--hide-scrollbars",
               "--user-data-dir=" + profile, *args, url]
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=120,
                           cwd=profile, env=dict(os.environ, LC_ALL="C.UTF-8"))
        assert r.returncode == 0, r.stderr[-2000:]
        return r
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def dump_dom(path):
    # The virtual time budget lets timers, image errors and a refresh run
    # before the DOM is taken.
    r = chromium("file://" + path, "--dump-dom", "--virtual-time-budget=3000")
    assert "<html" in r.stdout, r.stdout[:500]
    return r.stdout


def page_title(dom):
    m = re.search(r"<title>(.*?)</title>", dom, re.S)
    return m.group(1) if m else None


def write(folder, name, text):
    path = os.path.join(folder, name)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return path


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def without_csp(html):
    """The page less its Content-Security-Policy: escaping alone must hold."""
    stripped = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>\n', "", html)
    assert stripped != html
    return stripped


class Elements(html.parser.HTMLParser):
    """Every start tag of a serialized DOM, with its attributes."""

    def __init__(self, dom):
        super().__init__(convert_charrefs=True)
        self.tags = []
        self.feed(dom)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def assert_nothing_ran(dom):
    assert page_title(dom) != SENTINEL, page_title(dom)
    tags = Elements(dom).tags
    names = set(tag for tag, _ in tags)
    assert not names & {"script", "img", "iframe", "object", "embed", "base", "form"}, names
    for tag, attrs in tags:
        assert attrs.get("id") != "pwned", "an injected <div id=pwned>"
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        assert not attrs.get("href", "").lower().startswith("javascript:"), attrs
        assert not (tag == "meta" and "refresh" in attrs.get("http-equiv", "").lower()), attrs
    # Still our page, not pwned.html.
    assert "Exported by Attest." in dom


def hostile_folder():
    """A copy of the hostile reports beside the page their refresh names."""
    folder = tempfile.mkdtemp(prefix="attest-hostile-")
    for name in ("report.html", "index.html"):
        shutil.copy(os.path.join(OUT, "hostile", name), folder)
    write(folder, "pwned.html",
          "<!DOCTYPE html><html><head><title>PWNED</title></head>"
          "<body><div id=\"pwned\">PWNED</div></body></html>")
    return folder


# Controls: the sentinels do fire when the page lets them, so their
# absence below means something.

def test_sentinels_fire_without_escaping():
    folder = hostile_folder()
    page = write(folder, "control.html",
                 "<!DOCTYPE html><html><head><title>control</title></head><body>"
                 "<script>document.title='PWNED'</script></body></html>")
    assert page_title(dump_dom(page)) == SENTINEL
    page = write(folder, "control-img.html",
                 "<!DOCTYPE html><html><head><title>control</title></head><body>"
                 "<img src=x onerror=\"document.title='PWNED'\"></body></html>")
    assert page_title(dump_dom(page)) == SENTINEL
    page = write(folder, "control-refresh.html",
                 "<!DOCTYPE html><html><head><title>control</title>"
                 "<meta http-equiv=\"refresh\" content=\"0;url=pwned.html\"></head>"
                 "<body></body></html>")
    assert 'id="pwned"' in dump_dom(page)


def test_report_policy_blocks_inline_script():
    # The report's own policy line, in front of a script that would run.
    report = read(os.path.join(OUT, "hostile", "report.html"))
    policy = re.search(r'<meta http-equiv="Content-Security-Policy"[^>]*>', report).group(0)
    folder = hostile_folder()
    page = write(folder, "policy.html",
                 "<!DOCTYPE html><html><head>" + policy + "<title>control</title></head><body>"
                 "<script>document.title='PWNED'</script></body></html>")
    assert page_title(dump_dom(page)) == "control"


def test_hostile_report_runs_nothing():
    folder = hostile_folder()
    dom = dump_dom(os.path.join(folder, "report.html"))
    assert_nothing_ran(dom)
    # The hostile strings are there, as text a reader sees.
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in dom
    assert "&lt;div id=\"pwned\"&gt;PWNED&lt;/div&gt;" in dom
    assert "&lt;meta http-equiv=\"refresh\" content=\"0;url=pwned.html\"&gt;" in dom
    assert page_title(dom).startswith("&lt;/title&gt;&lt;script&gt;document.title='PWNED'")


def test_hostile_report_without_policy_runs_nothing():
    folder = hostile_folder()
    page = write(folder, "report-no-csp.html",
                 without_csp(read(os.path.join(folder, "report.html"))))
    dom = dump_dom(page)
    assert_nothing_ran(dom)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in dom


def test_hostile_index_runs_nothing():
    folder = hostile_folder()
    for html in (read(os.path.join(folder, "index.html")),
                 without_csp(read(os.path.join(folder, "index.html")))):
        page = write(folder, "index-check.html", html)
        dom = dump_dom(page)
        assert_nothing_ran(dom)
        assert "&lt;/title&gt;&lt;script&gt;document.title='PWNED'&lt;/script&gt;" in dom
        # The link to a document named javascript:… is a relative path.
        assert 'href="./javascript%3Aalert%281%29/' in dom


# Screenshots ---------------------------------------------------------------

def png_size(path):
    with open(path, "rb") as f:
        head = f.read(24)
    assert head[:8] == b"\x89PNG\r\n\x1a\n" and head[12:16] == b"IHDR", "not a PNG"
    return struct.unpack(">II", head[16:24])


def read_png(path):
    """(width, height, rows of RGB tuples) of an 8-bit RGB or RGBA PNG."""
    with open(path, "rb") as f:
        data = f.read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat = 8, b""
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, color, _, _, interlace = struct.unpack(">IIBBBBB", body)
            assert depth == 8 and color in (2, 6) and interlace == 0, (depth, color)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw = zlib.decompress(idat)
    bpp = 4 if color == 6 else 3
    stride = width * bpp
    rows, prev = [], bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        if kind == 1:
            for i in range(bpp, stride):
                line[i] = (line[i] + line[i - bpp]) & 0xff
        elif kind == 2:
            line = bytearray((a + b) & 0xff for a, b in zip(line, prev))
        elif kind == 3:
            for i in range(stride):
                left = line[i - bpp] if i >= bpp else 0
                line[i] = (line[i] + ((left + prev[i]) >> 1)) & 0xff
        elif kind == 4:
            for i in range(stride):
                a = line[i - bpp] if i >= bpp else 0
                b, c = prev[i], prev[i - bpp] if i >= bpp else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[i] = (line[i] + pred) & 0xff
        rows.append([tuple(line[x:x + 3]) for x in range(0, stride, bpp)])
        prev = line
    return width, height, rows


def near(pixel, color, tolerance=8):
    return all(abs(a - b) <= tolerance for a, b in zip(pixel, color))


def over(color, alpha, page):
    """@color at @alpha over @page, as the tint is painted."""
    return tuple(round(c * alpha + p * (1 - alpha)) for c, p in zip(color, page))


def screenshot(name, *args, size="1200,1600"):
    os.makedirs(SCREENSHOTS, exist_ok=True)
    path = os.path.join(SCREENSHOTS, name)
    if os.path.exists(path):
        os.unlink(path)
    chromium("file://" + os.path.join(OUT, "fixtures", "world", "harbour.html"),
             "--screenshot=" + path, "--window-size=" + size, *args)
    assert os.path.getsize(path) > 1000
    return path


def test_screenshots_light_and_dark():
    quote = (0xf6, 0xd3, 0x2d)
    fact = (0x2e, 0xc2, 0x7e)
    for scheme, args, page, card, alpha in (
            ("light", (), (0xfa, 0xfa, 0xfa), (0xff, 0xff, 0xff), 0.35),
            ("dark", ("--force-dark-mode",), (0x24, 0x24, 0x24), (0x30, 0x30, 0x30), 0.4)):
        # What a person looks at, at the size the brief names.
        size = png_size(screenshot("harbour-%s.png" % scheme, *args))
        assert size == (1200, 1600), size
        # A narrower one to read back pixel by pixel (pure Python is slow).
        width, height, rows = read_png(screenshot("harbour-%s-small.png" % scheme, *args,
                                                  size="700,900"))
        assert near(rows[4][4], page), (scheme, rows[4][4])
        pixels = set(p for row in rows for p in row)
        # The card, the quote's tint over it, the fact's box in its colour.
        assert any(near(p, card, 2) for p in pixels), scheme
        tint = over(quote, alpha, card)
        assert any(near(p, tint, 6) for p in pixels), (scheme, tint)
        assert any(near(p, fact, 10) for p in pixels), scheme


if __name__ == "__main__":
    if CHROMIUM is None:
        print("1..0 # SKIP chromium is not installed (build-aux/install-deps.sh installs it)")
        sys.exit(0)
    if OUT is None:
        print("1..0 # SKIP no reports: build tests/core/test-format-html or run it first "
              "(it writes $ATTEST_BUILD_ROOT/tests/html-out/)")
        sys.exit(0)
    sys.exit(taptest.run(globals()))
