"""HTTP for remote SPARQL stores: one kept-alive connection, streamed bodies, one-line errors.

The SPARQL 1.1 Protocol (queries) and Graph Store Protocol (``PUT ?graph=IRI``)
are plain HTTP, so the standard library's ``http.client`` is enough: it keeps
the connection open between requests and sends an iterable body chunked, so a
graph is streamed as pyoxigraph serialises it, never held whole. Whatever goes
wrong (no server, a timeout, a 4xx or 5xx answer, refused credentials) becomes
one ``RemoteError`` line that names the request and the status; the password
never appears in it.
"""

from __future__ import annotations

import base64
import http.client
import ssl
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field
from urllib.parse import urlencode, urlsplit

from extract.errors import GovKGError

PASSWORD_VARIABLE = "KG_ENDPOINT_PASSWORD"
DEFAULT_TIMEOUT = 60.0
BodyFactory = Callable[[], Iterable[bytes]]  # called again if a stale connection is retried
_STALE = (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError)


class RemoteError(GovKGError):
    """A remote store cannot be reached, or refuses a request."""

    def __init__(self, message: str, status: int | None = None, detail: str = "") -> None:
        super().__init__(message)
        self.status = status
        self.detail = detail  # the server's own message, on one line


@dataclass(frozen=True, slots=True)
class Credentials:
    """HTTP Basic credentials; the password stays out of ``repr`` and of every message."""

    user: str
    password: str = field(repr=False)

    def header(self) -> str:
        token = base64.b64encode(f"{self.user}:{self.password}".encode()).decode("ascii")
        return f"Basic {token}"


@dataclass(frozen=True, slots=True)
class Response:
    status: int
    content_type: str  # the media type alone, lower case, without parameters
    body: bytes


class Connection:
    """Requests to one endpoint URL over one connection, reopened when the server drops it."""

    def __init__(
        self,
        url: str,
        *,
        credentials: Credentials | None = None,
        timeout: float = DEFAULT_TIMEOUT,
    ) -> None:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise RemoteError(f"{url}: not an http:// or https:// endpoint URL")
        if parts.username is not None or parts.password is not None:
            raise RemoteError(
                f"{parts.scheme}://…@{parts.hostname}: put the user in --user and the "
                f"password in {PASSWORD_VARIABLE}, not in the URL"
            )
        if timeout <= 0:
            raise RemoteError(f"{url}: the timeout must be positive, not {timeout:g}")
        self.url = url
        self._parts = parts
        self._credentials = credentials
        self._timeout = timeout
        self._http: http.client.HTTPConnection | None = None

    def request(
        self,
        method: str,
        params: Sequence[tuple[str, str]] = (),
        *,
        body: BodyFactory | bytes | None = None,
        headers: dict[str, str] | None = None,
        drop: Collection[str] = (),
    ) -> Response:
        """Send one request; a 2xx answer comes back, anything else raises ``RemoteError``.

        ``drop`` names parameters of the URL's own query string to leave out this time.
        """
        target = self._target(params, drop)
        shown = f"{method} {self._shown(params)}"
        sent = {"User-Agent": "govkg", **(headers or {})}
        if self._credentials is not None:
            sent["Authorization"] = self._credentials.header()
        response = self._exchange(shown, method, target, body, sent)
        if response.status == 411 and callable(body):  # a proxy that wants a Content-Length
            response = self._exchange(shown, method, target, b"".join(body()), sent)
        if not 200 <= response.status < 300:
            raise self._refused(shown, response)
        return response

    def _exchange(
        self,
        shown: str,
        method: str,
        target: str,
        body: BodyFactory | bytes | None,
        headers: dict[str, str],
    ) -> Response:
        """One request and its whole answer, again on a new connection if the kept one is gone.

        An iterable body goes out chunked, as it is produced.
        """
        for attempt in (1, 2):
            fresh = self._http is None
            connection = self._open()
            try:
                connection.request(method, target, body() if callable(body) else body, headers)
                return _read(connection.getresponse())
            except _STALE as error:
                self.close()
                if fresh or attempt == 2:  # a new connection dropped: the server is gone
                    raise RemoteError(f"{shown}: the server closed the connection") from error
            except TimeoutError as error:
                self.close()
                raise RemoteError(
                    f"{shown}: no answer within {self._timeout:g} s (raise --timeout)"
                ) from error
            except http.client.HTTPException as error:
                self.close()
                raise RemoteError(f"{shown}: not an HTTP answer ({_reason(error)})") from error
            except OSError as error:
                self.close()
                raise RemoteError(f"{shown}: cannot connect ({_reason(error)})") from error
        raise AssertionError("unreachable")

    def close(self) -> None:
        if self._http is not None:
            self._http.close()
            self._http = None

    def __enter__(self) -> Connection:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def _open(self) -> http.client.HTTPConnection:
        if self._http is None:
            host, port = self._parts.hostname, self._parts.port
            if self._parts.scheme == "https":
                context = ssl.create_default_context()
                self._http = http.client.HTTPSConnection(
                    host or "", port, timeout=self._timeout, context=context
                )
            else:
                self._http = http.client.HTTPConnection(host or "", port, timeout=self._timeout)
        return self._http

    def _target(self, params: Sequence[tuple[str, str]], drop: Collection[str]) -> str:
        """The path with the URL's own query string (kept verbatim) and ``params`` after it."""
        path = self._parts.path or "/"
        own = [q for q in self._parts.query.split("&") if q and q.split("=", 1)[0] not in drop]
        query = "&".join([*own, *([_encode(params)] if params else [])])
        return f"{path}?{query}" if query else path

    def _shown(self, params: Sequence[tuple[str, str]]) -> str:
        graph = [f"{name}={value}" if value else name for name, value in params]
        return self.url + (("&" if "?" in self.url else "?") + "&".join(graph) if graph else "")

    def _refused(self, shown: str, response: Response) -> RemoteError:
        detail = _one_line(response.body.decode("utf-8", "replace"))
        if self._credentials is not None and self._credentials.password:
            detail = detail.replace(self._credentials.password, "***")
        reason = http.client.responses.get(response.status, "")
        message = f"{shown}: {response.status} {reason}".rstrip()
        if response.status in (401, 403):
            who = "the user and password" if self._credentials else "credentials"
            message += f" (check {who}: --user and {PASSWORD_VARIABLE})"
        elif detail:
            message += f": {detail}"
        return RemoteError(message, response.status, detail)


def _encode(params: Sequence[tuple[str, str]]) -> str:
    """``name=value`` pairs, and a bare ``name`` for a flag such as GSP's ``default``."""
    return "&".join(urlencode([pair]) if pair[1] else pair[0] for pair in params)


def _read(answer: http.client.HTTPResponse) -> Response:
    body = answer.read()  # read to the end, so that the connection can serve the next request
    media = (answer.getheader("Content-Type") or "").split(";", 1)[0].strip().lower()
    return Response(answer.status, media, body)


def _reason(error: BaseException) -> str:
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    return str(error) or type(error).__name__


def _one_line(text: str, width: int = 200) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"
