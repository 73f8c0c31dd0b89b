#!/usr/bin/env python
"""Serve web/ (the chat widget and the demo commune page) on localhost; `make run` starts it on port 8080.

    python scripts/serve_web.py [--host 127.0.0.1] [--port 8080] [--bot http://localhost:5005]

- / redirects to the demo page, /demo/, whose widget is pointed at the bot given with --bot.
- GET and HEAD only (405 otherwise), no directory listing, no hidden file (a path part starting with ".").
- Security headers on every answer: a Content-Security-Policy that lets the page load its own files and talk
  to the bot only (no inline script, no inline style, no frame), X-Content-Type-Options: nosniff,
  Referrer-Policy: no-referrer, Permissions-Policy, Cross-Origin-Opener-Policy.
Standard library only. It is a demo server: a commune serves the widget's two files from the bot's host.
"""
from __future__ import annotations

import argparse
import html
import http.server
import os
import re
import sys
import urllib.parse
from pathlib import Path

WEB_DIR = Path(__file__).resolve().parent.parent / "web"
DEMO_PAGE = WEB_DIR / "demo" / "index.html"
DEMO_SERVER = 'data-server="http://localhost:5005"'


def bot_origin(url: str) -> str:
    """The bot's origin (scheme://host[:port]) from --bot; refuses anything but a plain http(s) address."""
    parts = urllib.parse.urlsplit(url.strip())
    try:
        port = parts.port
    except ValueError:
        port = -1
    host = parts.hostname or ""
    if (parts.scheme not in ("http", "https") or parts.username or parts.password or port == -1
            or not (re.fullmatch(r"[A-Za-z0-9.-]+", host) or re.fullmatch(r"[0-9a-fA-F:]+", host))):
        raise ValueError(f"--bot must be an http(s) address such as http://localhost:5005, not {url!r}")
    host = host if ":" not in host else f"[{host}]"
    return f"{parts.scheme}://{host}" + (f":{port}" if port else "")


def content_security_policy(bot: str) -> str:
    return "; ".join([
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        f"connect-src 'self' {bot}",
        f"img-src 'self' {bot} https: data:",
        "font-src 'self'",
        "base-uri 'none'",
        "form-action 'none'",
        "frame-ancestors 'none'",
    ])


class Handler(http.server.SimpleHTTPRequestHandler):
    bot = "http://localhost:5005"
    server_version = "cpas-demo"
    sys_version = ""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, directory=str(WEB_DIR), **kwargs)

    def end_headers(self):
        self.send_header("Content-Security-Policy", content_security_policy(self.bot))
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()")
        self.send_header("Cross-Origin-Opener-Policy", "same-origin")
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    # ------------------------------------------------------------------ GET and HEAD only
    def _not_allowed(self):
        self.send_response(405)
        self.send_header("Allow", "GET, HEAD")
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = do_TRACE = do_CONNECT = _not_allowed

    def do_GET(self):
        self._serve(head=False)

    def do_HEAD(self):
        self._serve(head=True)

    def _serve(self, head: bool):
        path = urllib.parse.unquote(urllib.parse.urlsplit(self.path).path)
        if path in ("/", "/index.html"):
            self.send_response(302)
            self.send_header("Location", "/demo/")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if any(part.startswith(".") for part in path.split("/") if part):
            self.send_error(404)
            return
        if path in ("/demo/", "/demo/index.html"):
            body = self.demo_page()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if not head:
                self.wfile.write(body)
            return
        if head:
            super().do_HEAD()
        else:
            super().do_GET()

    def demo_page(self) -> bytes:
        """The demo page, its widget pointed at this bot (--bot), whatever port it runs on."""
        page = DEMO_PAGE.read_text(encoding="utf-8")
        return page.replace(DEMO_SERVER, f'data-server="{html.escape(self.bot, quote=True)}"').encode("utf-8")

    def list_directory(self, path):  # no directory listing
        self.send_error(404)
        return None

    def log_message(self, format, *args):  # no request log
        pass


Handler.extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                          ".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8",
                          ".html": "text/html; charset=utf-8", ".svg": "image/svg+xml", ".png": "image/png"}


def make_server(host: str, port: int, bot: str) -> http.server.ThreadingHTTPServer:
    handler = type("BoundHandler", (Handler,), {"bot": bot_origin(bot)})
    server = http.server.ThreadingHTTPServer((host, port), handler)
    server.daemon_threads = True
    return server


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=int(os.environ.get("WEB_PORT", "8080")))
    parser.add_argument("--bot", default=os.environ.get("CPAS_BOT_URL", "http://localhost:5005"),
                        help="the bot's address, allowed in the page's connect-src")
    args = parser.parse_args(argv)
    try:
        server = make_server(args.host, args.port, args.bot)
    except ValueError as error:
        print(error, file=sys.stderr)
        return 2
    except OSError as error:
        print(f"Cannot listen on {args.host}:{args.port}: {error.strerror}", file=sys.stderr)
        return 1
    shown_host = "localhost" if args.host in ("127.0.0.1", "localhost") else args.host
    print(f"Demo page on http://{shown_host}:{args.port}/demo/ (bot: {server.RequestHandlerClass.bot})", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
