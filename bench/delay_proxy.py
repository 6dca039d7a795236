#!/usr/bin/env python3
"""A TCP proxy on 127.0.0.1 that holds every chunk DELAY_MS before passing it on, each way.

usage: delay_proxy.py UPSTREAM_HOST:PORT DELAY_MS
Prints the port it listens on (a free one), then serves until killed. A round trip through it
takes 2 x DELAY_MS more than one to UPSTREAM: a registry made that far away, for the benches of
what waits on registries (bench/base_pull.sh). Not a test.
"""
import asyncio
import sys

upstream_host, upstream_port = sys.argv[1].rsplit(":", 1)
delay = float(sys.argv[2]) / 1000


async def pump(reader, writer):
    try:
        while data := await reader.read(65536):
            await asyncio.sleep(delay)
            writer.write(data)
            await writer.drain()
    except (ConnectionError, asyncio.CancelledError):
        pass
    finally:
        writer.close()


async def handle(client_reader, client_writer):
    upstream_reader, upstream_writer = await asyncio.open_connection(upstream_host, int(upstream_port))
    await asyncio.gather(pump(client_reader, upstream_writer), pump(upstream_reader, client_writer))


async def main():
    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    print(server.sockets[0].getsockname()[1], flush=True)
    async with server:
        await server.serve_forever()


asyncio.run(main())
