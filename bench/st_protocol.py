"""A client that speaks Streamlit's own websocket protocol (Streamlit 1.67), no browser.

It does what the frontend does (frontend/connection/src/WebsocketConnection.tsx,
ForwardMessageCache.ts, and the app's WidgetStateManager):

- GET `/_stcore/health` first (the frontend's ping), which sets the `_streamlit_xsrf` cookie;
- open `ws://HOST:PORT/_stcore/stream` with the subprotocols `["streamlit", <xsrf token>]`
  (the Sec-WebSocket-Protocol header carries the token; a third entry would be a session id
  to reconnect to) and the cookie and Origin a browser sends;
- send `BackMsg.rerun_script` (a `ClientState`: the query string the server last put in the
  URL, the page's script hash from the `navigation` message, every widget's state, the
  hashes of the messages it has cached, the browser's context) and read `ForwardMsg`s until
  `script_finished`. A run starts with `new_session`; its elements come as `delta`s at
  their place (`metadata.delta_path`); a message it has cached comes as a `ref_hash`.

`Page` holds what one run drew; a `RunResult` says how long the run took and what went
wrong: an exception element, an error alert, a script that did not finish successfully,
a compile error, a page not found, a message missing from the cache, no answer in time.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
import urllib.request
from collections.abc import Iterable
from dataclasses import dataclass, field

import websockets
from streamlit.proto.Alert_pb2 import Alert
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.Element_pb2 import Element
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

XSRF_COOKIE = "_streamlit_xsrf"
PLACEHOLDER_TOKEN = "PLACEHOLDER_AUTH_TOKEN"  # what the frontend sends without a token
SUCCESS = {ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY}
WIDGET_KINDS = {"multiselect", "selectbox", "checkbox", "radio", "text_input", "date_input"}
STATUS_NAMES = {v: k for k, v in ForwardMsg.ScriptFinishedStatus.items()}


@dataclass(frozen=True)
class Widget:
    id: str
    kind: str
    label: str
    key: str | None  # the widget's `key=` (the end of its id), when it has one
    options: tuple[str, ...]


def widget_key(widget_id: str) -> str | None:
    """The user key inside a widget id ("$$ID-<hash>-<key>"); None without one."""
    parts = widget_id.split("-", 2)
    return parts[2] if len(parts) == 3 and parts[0] == "$$ID" and parts[2] != "None" else None


def arrow_rows(data: bytes) -> int:
    import pyarrow as pa

    return pa.ipc.open_stream(data).read_all().num_rows if data else 0


class Page:
    """What one script run drew: every element at its place, in page order."""

    def __init__(self) -> None:
        self.elements: dict[tuple[int, ...], Element] = {}

    def add(self, path: tuple[int, ...], element: Element) -> None:
        self.elements[path] = element

    def of(self, kind: str, main_only: bool = False) -> list:
        """The elements of one kind (e.g. "metric"), in page order; `main_only`: not the sidebar."""
        return [getattr(e, kind) for path, e in sorted(self.elements.items())
                if e.WhichOneof("type") == kind and not (main_only and path[0] != 0)]

    @property
    def h1(self) -> str | None:
        return next((h.body for h in self.of("heading") if h.tag == "h1"), None)

    @property
    def widgets(self) -> dict[str, Widget]:
        found = {}
        for element in self.elements.values():
            kind = element.WhichOneof("type")
            if kind in WIDGET_KINDS:
                w = getattr(element, kind)
                found[w.id] = Widget(w.id, kind, w.label, widget_key(w.id), tuple(getattr(w, "options", ())))
        return found

    def widget(self, key_or_label: str) -> Widget:
        """A widget by its key (e.g. "f_status") or, failing that, its label."""
        widgets = list(self.widgets.values())
        match = [w for w in widgets if w.key == key_or_label] or [w for w in widgets if w.label == key_or_label]
        if not match:
            raise KeyError(f"no widget {key_or_label!r} on the page (has: {[w.key or w.label for w in widgets]})")
        return match[0]

    @property
    def texts(self) -> list[str]:
        """Every markdown body and metric on the page, in order: what a reader sees change."""
        out = []
        for _, e in sorted(self.elements.items()):
            kind = e.WhichOneof("type")
            if kind == "markdown":
                out.append(e.markdown.body)
            elif kind == "metric":
                out.append(f"{e.metric.label}: {e.metric.body}")
        return out

    @property
    def errors(self) -> list[str]:
        """Exceptions shown and error alerts."""
        found = [f"exception {x.type}: {x.message[:200]}" for x in self.of("exception")]
        found += [f"error alert: {a.body[:200]}" for a in self.of("alert") if a.format == Alert.ERROR]
        return found

    def rows(self, kind: str) -> list[int]:
        """Rows of each "dataframe" or "table" in the main area, in page order."""
        out = []
        for frame in self.of(kind, main_only=True):
            lazy = kind == "dataframe" and frame.HasField("lazy_data")
            out.append(frame.lazy_data.row_count if lazy else arrow_rows(frame.arrow_data.data))
        return out

    def summary(self) -> dict:
        """What a browser must show the same: the title, the key figures, how many charts,
        data grids and tables, and the rows of each table."""
        return {
            "h1": self.h1,
            "metrics": [m.body for m in self.of("metric", main_only=True)],
            "charts": len(self.of("vega_lite_chart", main_only=True)),
            "dataframes": len(self.of("dataframe", main_only=True)),
            "tables": len(self.of("table", main_only=True)),
            "table_rows": self.rows("table"),
        }


@dataclass
class RunResult:
    seconds: float
    finished: bool  # a script_finished arrived for this run
    status: str | None  # its status, e.g. "FINISHED_SUCCESSFULLY"
    page: Page
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.finished and not self.errors


def health_xsrf_cookie(base_url: str, timeout: float) -> str | None:
    """GET /_stcore/health like the frontend's ping; the XSRF cookie it sets (None when off)."""
    with urllib.request.urlopen(f"{base_url}/_stcore/health", timeout=timeout) as response:
        for header in response.headers.get_all("Set-Cookie") or ():
            name, _, rest = header.partition("=")
            if name.strip() == XSRF_COOKIE:
                return rest.split(";", 1)[0]
    return None


class Session:
    """One browser tab's session, spoken in protobuf.

        async with Session("http://127.0.0.1:8501") as s:
            first = await s.rerun()
            status = first.page.widget("f_status")
            second = await s.rerun([multiselect_state(status, ["Rød"])])
    """

    def __init__(self, base_url: str, timeout: float = 300.0, locale: str = "nb-NO",
                 timezone: str = "Europe/Oslo") -> None:
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.context = {"locale": locale, "timezone": timezone, "url": self.base_url + "/"}
        self.query_string = ""  # the URL's query, as the server last set it
        self.page_script_hash = ""  # "" asks for the default page
        self.widget_states: dict[str, WidgetState] = {}
        self.last: RunResult | None = None
        self._ws = None
        self._reader: asyncio.Task | None = None
        self._cache: dict[str, list] = {}  # hash -> [encoded message, run count when last used]
        self._runs = 0
        self._max_age = 2
        self._page = Page()
        self._errors: list[str] = []
        self._waiting: asyncio.Future | None = None

    async def __aenter__(self) -> Session:
        await self.connect()
        return self

    async def __aexit__(self, *exc) -> None:
        await self.close()

    async def connect(self) -> None:
        xsrf = await asyncio.to_thread(health_xsrf_cookie, self.base_url, self.timeout)
        headers = {"Origin": self.base_url}
        if xsrf:
            headers["Cookie"] = f"{XSRF_COOKIE}={xsrf}"
        url = self.base_url.replace("http://", "ws://", 1) + "/_stcore/stream"
        self._ws = await websockets.connect(
            url, subprotocols=["streamlit", xsrf or PLACEHOLDER_TOKEN], additional_headers=headers,
            max_size=None, open_timeout=self.timeout, compression=None,
            # A browser never pings: the server does (server.websocketPingInterval), and
            # this client answers. Its own pings would close the connection when a busy
            # server answers late, which no browser does.
            ping_interval=None,
        )
        self._reader = asyncio.create_task(self._read())

    async def close(self) -> None:
        if self._ws is not None:
            await self._ws.close()
        if self._reader is not None:
            self._reader.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._reader

    async def rerun(self, changes: Iterable[WidgetState] = (), timeout: float | None = None) -> RunResult:
        """Set the changed widgets' states, ask for a rerun, wait for script_finished."""
        for state in changes:
            self.widget_states[state.id] = state
        msg = BackMsg()
        client = msg.rerun_script
        client.query_string = self.query_string
        client.page_script_hash = self.page_script_hash
        client.widget_states.widgets.extend(self.widget_states.values())
        client.cached_message_hashes.extend(self._cache)
        for name, value in self.context.items():
            setattr(client.context_info, name, value)
        self._page, self._errors = Page(), []
        self._waiting = asyncio.get_running_loop().create_future()
        start = time.perf_counter()
        try:
            await self._ws.send(msg.SerializeToString())
            status, end = await asyncio.wait_for(asyncio.shield(self._waiting), timeout or self.timeout)
            result = RunResult(end - start, True, STATUS_NAMES.get(status, str(status)), self._page, self._errors)
            if status not in SUCCESS:
                result.errors.append(f"script finished with {result.status}")
        except TimeoutError:
            result = RunResult(time.perf_counter() - start, False, None, self._page,
                               [*self._errors, f"no script_finished within {timeout or self.timeout:g} s"])
        except (ConnectionError, websockets.ConnectionClosed) as err:
            result = RunResult(time.perf_counter() - start, False, None, self._page,
                               [*self._errors, f"connection lost: {type(err).__name__}: {err}"])
        finally:
            self._waiting = None
        result.errors += result.page.errors
        # Like the frontend: states of widgets that are no longer on the page are dropped
        shown = result.page.widgets
        self.widget_states = {k: v for k, v in self.widget_states.items() if k in shown}
        self.last = result
        return result

    # -- reading ---------------------------------------------------------------------------

    async def _read(self) -> None:
        try:
            async for data in self._ws:
                self._handle(data)
        except websockets.ConnectionClosed:
            pass
        finally:
            if self._waiting is not None and not self._waiting.done():
                why = f"code {self._ws.close_code}, {self._ws.close_reason or 'no reason given'}"
                self._waiting.set_exception(ConnectionError(f"websocket closed ({why})"))

    def _handle(self, data: bytes) -> None:
        msg = ForwardMsg.FromString(data)
        kind = msg.WhichOneof("type")
        if kind == "ref_hash":
            msg = self._from_cache(msg)
            if msg is None:
                return
            kind = msg.WhichOneof("type")
        elif msg.metadata.cacheable and msg.hash:
            self._cache[msg.hash] = [data, self._runs]
        if kind == "new_session":
            self._page = Page()
            self._max_age = msg.new_session.config.max_cached_message_age or self._max_age
        elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
            self._page.add(tuple(msg.metadata.delta_path), msg.delta.new_element)
        elif kind == "navigation":
            self.page_script_hash = msg.navigation.page_script_hash
        elif kind == "page_info_changed":
            self.query_string = msg.page_info_changed.query_string
        elif kind == "page_not_found":
            self._errors.append(f"page not found: {msg.page_not_found.page_name!r}")
        elif kind == "session_event" and msg.session_event.WhichOneof("type") == "script_compilation_exception":
            self._errors.append(f"compile error: {msg.session_event.script_compilation_exception.message[:200]}")
        elif kind == "script_finished":
            self._finished(msg.script_finished)

    def _from_cache(self, ref: ForwardMsg) -> ForwardMsg | None:
        entry = self._cache.get(ref.ref_hash)
        if entry is None:
            self._errors.append(f"cached message missing: {ref.ref_hash}")
            return None
        entry[1] = self._runs
        msg = ForwardMsg.FromString(entry[0])
        msg.metadata.CopyFrom(ref.metadata)
        return msg

    def _finished(self, status: int) -> None:
        if status == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
            return  # a new run follows
        if status in SUCCESS:  # the frontend's cache ages by successful runs
            self._runs += 1
            self._cache = {h: e for h, e in self._cache.items() if self._runs - e[1] <= self._max_age}
        if self._waiting is not None and not self._waiting.done():
            self._waiting.set_result((status, time.perf_counter()))


def multiselect_state(widget: Widget, values: Iterable[str]) -> WidgetState:
    """A multiselect's value as Streamlit 1.67's frontend sends it: the chosen options'
    labels (as shown, i.e. after format_func) in a string array."""
    state = WidgetState(id=widget.id)
    state.string_array_value.data.extend(values)
    return state


def selectbox_state(widget: Widget, value: str) -> WidgetState:
    """A selectbox's value: the chosen option's label as a string."""
    return WidgetState(id=widget.id, string_value=value)
