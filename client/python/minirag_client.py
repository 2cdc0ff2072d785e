"""A client for the Mini-RAG API that needs only Python's standard library (3.9 or newer).

    from minirag_client import Client
    client = Client("http://127.0.0.1:8080", api_key="mrk_...")
    client.add_text("Lighthouse log", "The keeper polished the Fresnel lens every morning.")
    print(client.ask("What did the keeper polish?")["answer"])

Every call answers the API's JSON as dicts and lists. Any answer that is not a success raises
:class:`MiniRagError`, which carries the API's error shape (``code``, ``message``, ``details``,
``requestId``). A ``429`` or ``503`` is retried after the ``Retry-After`` the server sends, up to
``max_retries`` times; a read without ``Retry-After`` after a short backoff, a write without it not at
all (only ``Retry-After`` says the server refused it before doing any work).
"""

from __future__ import annotations

import email.utils
import json
import mimetypes
import os
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from typing import Any, Callable, Dict, Iterable, Iterator, List, Mapping, Optional, Tuple, Union

__all__ = ["Client", "MiniRagError", "AskEvent", "FileInput"]

__version__ = "0.1.0"

#: A file to upload: a path, or ``(file name, bytes)``, or ``(file name, bytes, content type)``.
FileInput = Union[str, "os.PathLike[str]", Tuple[str, bytes], Tuple[str, bytes, str]]

RETRIED_STATUSES = (429, 503)

#: Calls a retry cannot make do their work twice.
SAFE_METHODS = ("GET", "HEAD")


class MiniRagError(Exception):
    """A non-2xx answer (or no answer at all) from the API, in the API's one error shape.

    ``status`` is the HTTP status (0 when the server could not be reached), ``message`` the
    server's message, ``details`` its details (a list of field errors for a 422, the limit for a
    429, ...), ``request_id`` the ``X-Request-Id`` to quote when asking for help, and
    ``retry_after`` the seconds the server asked to wait (429 and 503), if it said.
    """

    def __init__(
        self,
        status: int,
        message: str,
        details: Any = None,
        request_id: Optional[str] = None,
        retry_after: Optional[float] = None,
        headers: Optional[Mapping[str, str]] = None,
    ) -> None:
        super().__init__(f"{status}: {message}" + (f" (request id {request_id})" if request_id else ""))
        self.status = status
        self.message = message
        self.details = details
        self.request_id = request_id
        self.retry_after = retry_after
        self.headers = dict(headers or {})

    @property
    def code(self) -> int:
        """The ``code`` of the error shape (the same as :attr:`status`)."""
        return self.status


class AskEvent:
    """One event of a streamed answer: ``token`` (``data["text"]``), ``citations`` (a list), ``done``
    (the whole answer, as :meth:`Client.ask` returns it)."""

    __slots__ = ("name", "data")

    def __init__(self, name: str, data: Any) -> None:
        self.name = name
        self.data = data

    def __repr__(self) -> str:
        return f"AskEvent({self.name!r}, {self.data!r})"


class Client:
    """Calls one Mini-RAG service with one API key (which is bound to one workspace).

    :param base_url: the service's address, e.g. ``http://127.0.0.1:8080`` (``/api`` is added)
    :param api_key: an API key (``mrk_...``); defaults to the ``MINIRAG_API_KEY`` environment variable
    :param timeout: seconds to wait for each answer
    :param max_retries: how many times a 429 or 503 is retried before it is raised
    :param max_retry_wait: the longest single wait, in seconds, a ``Retry-After`` may impose
    """

    def __init__(
        self,
        base_url: Optional[str] = None,
        api_key: Optional[str] = None,
        *,
        timeout: float = 60.0,
        max_retries: int = 3,
        max_retry_wait: float = 60.0,
        user_agent: str = f"minirag-client-python/{__version__}",
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        base_url = base_url or os.environ.get("MINIRAG_URL") or "http://127.0.0.1:8080"
        self.base_url = base_url.rstrip("/")
        self.api_key = api_key if api_key is not None else os.environ.get("MINIRAG_API_KEY")
        self.timeout = timeout
        self.max_retries = max_retries
        self.max_retry_wait = max_retry_wait
        self.user_agent = user_agent
        self._sleep = sleep

    # ---- sources -------------------------------------------------------------------------

    def list_sources(
        self,
        *,
        kind: Optional[str] = None,
        status: Optional[str] = None,
        q: Optional[str] = None,
        limit: int = 20,
        offset: int = 0,
    ) -> Dict[str, Any]:
        """``{"items", "total", "limit", "offset"}``, newest first."""
        return self._json(
            "GET",
            "/v1/sources",
            query={"kind": kind, "status": status, "q": q, "limit": limit, "offset": offset},
        )

    def get_source(self, source_id: str) -> Dict[str, Any]:
        """One source with its chunks."""
        return self._json("GET", f"/v1/sources/{_segment(source_id)}")

    def delete_source(self, source_id: str) -> None:
        """Deletes a source and its chunks."""
        self._json("DELETE", f"/v1/sources/{_segment(source_id)}")

    def refresh_source(self, source_id: str) -> Dict[str, Any]:
        """Re-fetches a URL or YouTube source now: ``{"sourceId", "outcome", "status", "jobId"?}``."""
        return self._json("POST", f"/v1/sources/{_segment(source_id)}/refresh")

    def resync_source(self, source_id: str) -> Dict[str, Any]:
        """Queues a re-sync of a URL or YouTube source: ``{"jobId"}``."""
        return self._json("POST", f"/v1/sources/{_segment(source_id)}/resync")

    # ---- ingest --------------------------------------------------------------------------

    def add_text(self, title: str, text: str, external_id: Optional[str] = None) -> Dict[str, Any]:
        """Adds text as a source; answers its item (``status`` accepted or duplicate, ``sourceId``)."""
        body: Dict[str, Any] = {"title": title, "text": text}
        if external_id is not None:
            body["externalId"] = external_id
        return self._json("POST", "/v1/sources/text", body=body)["items"][0]

    def add_urls(self, urls: Iterable[str]) -> List[Dict[str, Any]]:
        """Adds web pages or documents by URL; one item per URL (a failed item does not raise)."""
        return self._json("POST", "/v1/sources/urls", body={"urls": list(urls)})["items"]

    def add_files(self, files: Iterable[FileInput]) -> List[Dict[str, Any]]:
        """Uploads files (paths or ``(name, bytes[, content type])``); one item per file."""
        parts = [_file_part(f) for f in files]
        boundary = "minirag-" + uuid.uuid4().hex
        data = _multipart(boundary, parts)
        return self._json(
            "POST",
            "/v1/sources/files",
            data=data,
            content_type=f"multipart/form-data; boundary={boundary}",
        )["items"]

    def add_youtube(self, url: str) -> Dict[str, Any]:
        """Adds a YouTube video by its transcript; answers its item."""
        return self._json("POST", "/v1/sources/youtube", body={"url": url})["items"][0]

    # ---- search and ask ------------------------------------------------------------------

    def search(
        self,
        query: str,
        *,
        k: Optional[int] = None,
        mode: Optional[str] = None,
        fusion: Optional[str] = None,
        dense_weight: Optional[float] = None,
        filters: Optional[Mapping[str, Any]] = None,
    ) -> Dict[str, Any]:
        """Ranked chunks: ``{"query", "mode", "fusion", "k", "degraded", "hits", "timings"}``."""
        body = _without_none(
            {
                "query": query,
                "k": k,
                "mode": mode,
                "fusion": fusion,
                "denseWeight": dense_weight,
                "filters": dict(filters) if filters is not None else None,
            }
        )
        return self._json("POST", "/v1/search", body=body)

    def ask(
        self, question: str, *, k: Optional[int] = None, filters: Optional[Mapping[str, Any]] = None
    ) -> Dict[str, Any]:
        """An answer with numbered citations (``answer``, ``abstained``, ``citations``, ...)."""
        return self._json("POST", "/v1/ask", body=_ask_body(question, k, filters))

    def ask_stream(
        self, question: str, *, k: Optional[int] = None, filters: Optional[Mapping[str, Any]] = None
    ) -> Iterator[AskEvent]:
        """The answer as it is written: ``token`` events, then ``citations``, then ``done``.

        An ``error`` event raises :class:`MiniRagError`; so does a refusal before the stream starts.
        """
        response = self._send(
            "POST",
            "/v1/ask",
            data=json.dumps(_ask_body(question, k, filters)).encode("utf-8"),
            content_type="application/json",
            accept="text/event-stream",
        )
        with response:
            for name, data in _server_sent_events(response):
                if name == "error":
                    error = data if isinstance(data, dict) else {}
                    raise MiniRagError(
                        int(error.get("code") or 500),
                        str(error.get("message") or data),
                        error.get("details"),
                        error.get("requestId") or response.headers.get("X-Request-Id"),
                    )
                yield AskEvent(name, data)

    # ---- jobs and usage ------------------------------------------------------------------

    def list_jobs(
        self,
        *,
        kind: Optional[str] = None,
        status: Optional[str] = None,
        subject_id: Optional[str] = None,
        limit: int = 20,
        offset: int = 0,
    ) -> Dict[str, Any]:
        """``{"items", "total", "limit", "offset"}``, newest first."""
        return self._json(
            "GET",
            "/v1/jobs",
            query={
                "kind": kind,
                "status": status,
                "subjectId": subject_id,
                "limit": limit,
                "offset": offset,
            },
        )

    def get_job(self, job_id: str) -> Dict[str, Any]:
        """One job with its progress, attempts, last error and result."""
        return self._json("GET", f"/v1/jobs/{_segment(job_id)}")

    def cancel_job(self, job_id: str) -> Dict[str, Any]:
        """Cancels a queued job at once, a running one at its next batch (409 once it finished)."""
        return self._json("POST", f"/v1/jobs/{_segment(job_id)}/cancel")

    def wait_for_job(self, job_id: str, timeout: float = 300.0, interval: float = 1.0) -> Dict[str, Any]:
        """Polls a job until it is succeeded, failed or canceled; answers the job."""
        deadline = time.monotonic() + timeout
        while True:
            job = self.get_job(job_id)
            if job.get("status") in ("succeeded", "failed", "canceled"):
                return job
            if time.monotonic() >= deadline:
                raise TimeoutError(f"job {job_id} is still {job.get('status')} after {timeout} s")
            self._sleep(interval)

    def usage(self) -> Dict[str, Any]:
        """The workspace's plan, limits and what it used of each."""
        return self._json("GET", "/v1/usage")

    # ---- plumbing --------------------------------------------------------------------------

    def _json(
        self,
        method: str,
        path: str,
        *,
        query: Optional[Mapping[str, Any]] = None,
        body: Any = None,
        data: Optional[bytes] = None,
        content_type: Optional[str] = None,
    ) -> Any:
        if body is not None:
            data = json.dumps(body).encode("utf-8")
            content_type = "application/json"
        with self._send(method, path, query=query, data=data, content_type=content_type) as response:
            raw = response.read()
        return json.loads(raw) if raw else None

    def _send(
        self,
        method: str,
        path: str,
        *,
        query: Optional[Mapping[str, Any]] = None,
        data: Optional[bytes] = None,
        content_type: Optional[str] = None,
        accept: str = "application/json",
    ):
        url = self.base_url + "/api" + path
        params = _without_none(dict(query or {}))
        if params:
            url += "?" + urllib.parse.urlencode(params)
        headers = {"Accept": accept, "User-Agent": self.user_agent}
        if self.api_key:
            headers["X-API-Key"] = self.api_key
        if content_type:
            headers["Content-Type"] = content_type
        attempt = 0
        while True:
            request = urllib.request.Request(url, data=data, method=method, headers=headers)
            try:
                return urllib.request.urlopen(request, timeout=self.timeout)
            except urllib.error.HTTPError as e:
                error = _error_from(e)
                if error.status not in RETRIED_STATUSES or attempt >= self.max_retries:
                    raise error from None
                if error.retry_after is None and method not in SAFE_METHODS:
                    # Only a Retry-After says a write was refused before any work was done.
                    raise error from None
                wait = error.retry_after if error.retry_after is not None else min(2.0**attempt, 30.0)
                if wait > self.max_retry_wait:
                    raise error from None
                attempt += 1
                self._sleep(wait)
            except urllib.error.URLError as e:
                raise MiniRagError(0, f"could not reach {self.base_url}: {e.reason}") from e


def _error_from(e: "urllib.error.HTTPError") -> MiniRagError:
    try:
        raw = e.read()
    finally:
        e.close()
    headers = {k: v for k, v in e.headers.items()} if e.headers else {}
    body: Any = None
    try:
        body = json.loads(raw) if raw else None
    except ValueError:
        body = None
    if not isinstance(body, dict):
        body = {"message": raw.decode("utf-8", "replace").strip() or e.reason or "HTTP error"}
    return MiniRagError(
        e.code,
        str(body.get("message") or e.reason),
        body.get("details"),
        body.get("requestId") or headers.get("X-Request-Id"),
        _retry_after(headers.get("Retry-After")),
        headers,
    )


def _retry_after(value: Optional[str]) -> Optional[float]:
    """Seconds from a ``Retry-After`` header: a number of seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _server_sent_events(response) -> Iterator[Tuple[str, Any]]:
    """``(event, data)`` pairs of a ``text/event-stream``; data is JSON-decoded when it is JSON."""
    name: Optional[str] = None
    data: List[str] = []
    for raw in response:
        line = raw.decode("utf-8").rstrip("\r\n")
        if not line:
            if data:
                text = "\n".join(data)
                try:
                    value: Any = json.loads(text)
                except ValueError:
                    value = text
                yield name or "message", value
            name, data = None, []
        elif line.startswith(":"):
            continue
        else:
            field, _, value_text = line.partition(":")
            if value_text.startswith(" "):
                value_text = value_text[1:]
            if field == "event":
                name = value_text
            elif field == "data":
                data.append(value_text)
    if data:
        text = "\n".join(data)
        try:
            yield name or "message", json.loads(text)
        except ValueError:
            yield name or "message", text


def _ask_body(question: str, k: Optional[int], filters: Optional[Mapping[str, Any]]) -> Dict[str, Any]:
    return _without_none(
        {"question": question, "k": k, "filters": dict(filters) if filters is not None else None}
    )


def _without_none(values: Dict[str, Any]) -> Dict[str, Any]:
    return {k: v for k, v in values.items() if v is not None}


def _segment(value: str) -> str:
    return urllib.parse.quote(str(value), safe="")


def _file_part(f: FileInput) -> Tuple[str, bytes, str]:
    if isinstance(f, tuple):
        name, content = f[0], f[1]
        content_type = f[2] if len(f) > 2 else None  # type: ignore[misc]
    else:
        path = os.fspath(f)
        name = os.path.basename(path)
        with open(path, "rb") as handle:
            content = handle.read()
        content_type = None
    if content_type is None:
        content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    return name, content, content_type


def _multipart(boundary: str, parts: List[Tuple[str, bytes, str]]) -> bytes:
    out = bytearray()
    for name, content, content_type in parts:
        quoted = name.replace("\\", "\\\\").replace('"', '\\"').replace("\r", " ").replace("\n", " ")
        out += f"--{boundary}\r\n".encode("ascii")
        out += f'Content-Disposition: form-data; name="files"; filename="{quoted}"\r\n'.encode("utf-8")
        out += f"Content-Type: {content_type}\r\n\r\n".encode("ascii")
        out += content
        out += b"\r\n"
    out += f"--{boundary}--\r\n".encode("ascii")
    return bytes(out)
