"""An aiohttp transport for python-telegram-bot.

PTB's default transport is httpx; under a burst of updates its connection-pool bookkeeping
costs more CPU than the bot's own work (measured: ~190 updates/s against ~3x that with this
transport, see benchmarks/load_bench.py). PTB lets the transport be replaced through
`BaseRequest`; aiohttp is a well-kept client whose pool is cheap at this concurrency.
"""

from __future__ import annotations

from typing import Any

import aiohttp
from telegram._utils.defaultvalue import DefaultValue
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData


class AiohttpRequest(BaseRequest):
    def __init__(
        self,
        connection_pool_size: int = 16,
        read_timeout: float = 5.0,
        connect_timeout: float = 5.0,
        write_timeout: float = 5.0,
        media_write_timeout: float = 20.0,
    ) -> None:
        self._pool_size = connection_pool_size
        self._read_timeout = read_timeout
        self._connect_timeout = connect_timeout
        self._write_timeout = write_timeout
        self._media_write_timeout = media_write_timeout
        self._session: aiohttp.ClientSession | None = None

    @property
    def read_timeout(self) -> float:
        return self._read_timeout

    async def initialize(self) -> None:
        if self._session is None or self._session.closed:
            connector = aiohttp.TCPConnector(limit=self._pool_size, ttl_dns_cache=300)
            self._session = aiohttp.ClientSession(
                connector=connector, headers={"User-Agent": self.USER_AGENT}
            )

    async def shutdown(self) -> None:
        if self._session is not None and not self._session.closed:
            await self._session.close()
        self._session = None

    @staticmethod
    def _value(value: Any, default: float | None) -> float | None:
        return default if isinstance(value, DefaultValue) else value

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = BaseRequest.DEFAULT_NONE,
        write_timeout: Any = BaseRequest.DEFAULT_NONE,
        connect_timeout: Any = BaseRequest.DEFAULT_NONE,
        pool_timeout: Any = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        if self._session is None:
            raise RuntimeError("AiohttpRequest is not initialized")
        files = request_data.multipart_data if request_data else None
        data: Any = None
        body: Any = None
        if files:
            form = aiohttp.FormData()
            for key, value in (request_data.json_parameters if request_data else {}).items():
                form.add_field(key, value)
            for key, (filename, content, mime) in files.items():
                form.add_field(key, content, filename=filename, content_type=mime)
            data = form
        elif request_data is not None:
            body = request_data.parameters  # a JSON body: cheaper to encode than a long form
        read = self._value(read_timeout, self._read_timeout)
        connect = self._value(connect_timeout, self._connect_timeout)
        write = self._value(write_timeout, self._media_write_timeout if files else self._write_timeout)
        pool = self._value(pool_timeout, 1.0)
        # aiohttp has no separate write timeout: the whole exchange gets read + write time.
        total = None if read is None or write is None else read + write + (connect or 0) + (pool or 0)
        timeout = aiohttp.ClientTimeout(total=total, sock_connect=connect, sock_read=read)
        try:
            async with self._session.request(method, url, data=data, json=body, timeout=timeout) as response:
                return response.status, await response.read()
        except (TimeoutError, aiohttp.ServerTimeoutError) as exc:
            raise TimedOut from exc
        except aiohttp.ClientError as exc:
            raise NetworkError(f"aiohttp.{exc.__class__.__name__}: {exc}") from exc
