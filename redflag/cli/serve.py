"""`redflag serve`: the local page where a caseworker pastes an ad, and its JSON API, on this computer only."""

from __future__ import annotations

import socket
from typing import Annotated

import typer

from redflag.cli.options import IgnoreOpt, ModelOpt, NoModelOpt, PackOpt, RegionOpt, SelectOpt, UiLangOpt, WeightsOpt
from redflag.errors import RedflagError

def serve(
    host: Annotated[str, typer.Option("--host", help="Address to listen on; anything but 127.0.0.1/localhost/::1 lets other machines reach the page.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=0, max=65535, help="Port to listen on (0: any free port, printed at start).")] = 8000,
    select: SelectOpt = None,
    ignore: IgnoreOpt = None,
    rules: PackOpt = None,
    model: ModelOpt = None,
    no_model: NoModelOpt = False,
    weights: WeightsOpt = None,
    region: RegionOpt = None,
    ui_lang: UiLangOpt = None,
) -> None:
    """Start the local page: paste an ad or upload a file and see the verdict, its phrases, what to do and where to get help. POST /api/check returns the JSON of 'check --format json'. Nothing is stored or sent anywhere."""
    import uvicorn

    from redflag.config import resolve
    from redflag.pipeline import Checker
    from redflag.serve import create_app
    from redflag.serve.app import LOOPBACK_HOSTS

    resolved = resolve(select=select, ignore=ignore, rules=rules, model=model, no_model=no_model, weights=weights,
                       region=region, ui_lang=ui_lang)
    app = create_app(Checker(resolved.config), host=host)
    sock = _listen(host, port)
    bound = sock.getsockname()[1]
    shown = f"[{host}]" if ":" in host else host
    if host not in LOOPBACK_HOSTS:
        typer.echo(f"redflag: warning: listening on {host}: other machines on the network can reach this page", err=True)
    typer.echo(f"redflag: the local page is at http://{shown}:{bound}/ (Ctrl+C to stop)")
    config = uvicorn.Config(app, log_level="warning", access_log=False, server_header=False, lifespan="off")
    try:
        uvicorn.Server(config).run(sockets=[sock])
    finally:
        sock.close()


def _listen(host: str, port: int) -> socket.socket:
    """A listening socket on ``host``:``port``, so a taken port or a bad address is one clear error."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as exc:
        raise RedflagError(f"--host {host!r} is not an address this machine can listen on ({exc.strerror})") from None
    family, kind, proto, _, address = infos[0]
    sock = socket.socket(family, kind, proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(address)
        sock.listen(128)
    except OSError as exc:
        sock.close()
        raise RedflagError(f"cannot listen on {host}:{port}: {exc.strerror}") from None
    sock.set_inheritable(True)
    return sock
