"""scripts/serve_web.py, the demo page's server: security headers, GET/HEAD only, no listing, the bot's address.

No browser and no bot needed: runs with the other tests (`pytest tests/e2e/test_serve_web.py`).
"""
import importlib.util
import threading
import urllib.error
import urllib.request

import pytest
from helpers.server_harness import ROOT

spec = importlib.util.spec_from_file_location("serve_web", ROOT / "scripts" / "serve_web.py")
serve_web = importlib.util.module_from_spec(spec)
spec.loader.exec_module(serve_web)

BOT = "http://127.0.0.1:5999"


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


OPENER = urllib.request.build_opener(NoRedirect)


@pytest.fixture(scope="module")
def web():
    server = serve_web.make_server("127.0.0.1", 0, BOT + "/")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def fetch(url, method="GET"):
    request = urllib.request.Request(url, method=method)
    try:
        with OPENER.open(request, timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def test_demo_page_points_the_widget_at_the_bot_with_a_strict_csp(web):
    status, headers, body = fetch(web + "/demo/")
    assert status == 200
    page = body.decode("utf-8")
    assert f'data-server="{BOT}"' in page and "localhost:5005" not in page
    assert '<script src="/widget/cpas-widget.js"' in page and 'lang="fr"' in page
    csp = dict(part.strip().split(" ", 1) for part in headers["Content-Security-Policy"].split(";"))
    assert csp["default-src"] == "'none'"
    assert csp["connect-src"] == f"'self' {BOT}"
    assert csp["script-src"] == "'self'" and "unsafe-inline" not in headers["Content-Security-Policy"]
    assert csp["frame-ancestors"] == "'none'"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "no-referrer"


def test_widget_files_are_served_with_their_types(web):
    status, headers, body = fetch(web + "/widget/cpas-widget.js")
    assert status == 200 and headers["Content-Type"].startswith("text/javascript")
    assert b"webhooks/rest/webhook" in body
    status, headers, _ = fetch(web + "/widget/cpas-widget.css")
    assert status == 200 and headers["Content-Type"].startswith("text/css")
    assert headers["X-Content-Type-Options"] == "nosniff"


def test_head_matches_get_without_a_body(web):
    status, headers, body = fetch(web + "/demo/", method="HEAD")
    assert status == 200 and body == b""
    assert int(headers["Content-Length"]) == len(fetch(web + "/demo/")[2])


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "OPTIONS", "PATCH"])
def test_only_get_and_head(web, method):
    status, headers, _ = fetch(web + "/demo/", method=method)
    assert status == 405 and headers["Allow"] == "GET, HEAD"
    assert headers["Content-Security-Policy"]


@pytest.mark.parametrize("path", ["/widget/", "/demo/../", "/%2e%2e/README.md", "/../README.md", "/.git/config",
                                  "/demo/.hidden", "/nothing-here"])
def test_no_listing_no_hidden_file_nothing_outside_web(web, path):
    status, headers, body = fetch(web + path)
    assert status in (404, 301, 302), (path, status)
    assert b"Directory listing" not in body and b"Assistant CPAS\n" not in body
    assert headers["X-Content-Type-Options"] == "nosniff"


def test_root_redirects_to_the_demo(web):
    status, headers, _ = fetch(web + "/")
    assert status == 302 and headers["Location"] == "/demo/"


@pytest.mark.parametrize("bad", ["javascript:alert(1)", "http://x; script-src *", 'http://x"', "ftp://bot",
                                 "http://user:pw@bot", "http://bot:99999"])
def test_bot_address_is_checked_before_it_goes_into_the_csp(bad):
    with pytest.raises(ValueError):
        serve_web.bot_origin(bad)
