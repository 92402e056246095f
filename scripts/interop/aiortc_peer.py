#!/usr/bin/env python3
"""aiortc_peer: drives aiortc's pure-Python SCTP association over plain UDP (SCTP over UDP, RFC 6951).

Used by scripts/make-interop-captures.sh. aiortc normally runs SCTP over DTLS; here a stand-in for its
RTCDtlsTransport (private API: ``state``, ``_role``, ``_register_data_receiver``,
``_unregister_data_receiver``, ``_send_data``) carries the SCTP packets in UDP datagrams instead, so a
usrsctp peer listening for UDP encapsulation can talk to it.

aiortc delivers DATA only to data channels, so the driver opens one in-band data channel (DCEP
DATA_CHANNEL_OPEN, PPID 50, RFC 8832), waits for the peer's DATA_CHANNEL_ACK, sends ``-n`` string
messages (PPID 51), waits for their echoes, then waits for the peer to shut the association down:
aiortc never starts a graceful shutdown itself (its ``stop()`` sends ABORT), it only answers one.
"""
import argparse
import asyncio
import sys

from aiortc.rtcdatachannel import RTCDataChannel, RTCDataChannelParameters
from aiortc.rtcsctptransport import RTCSctpTransport


class UdpDtlsStandIn(asyncio.DatagramProtocol):
    """Looks enough like RTCDtlsTransport for RTCSctpTransport; packets go out and in as UDP datagrams."""

    def __init__(self, role: str) -> None:
        self.state = "connected"
        self._role = role
        self._receiver = None
        self._udp = None
        # One consumer keeps inbound packets in arrival order (a task per datagram could reorder them).
        self._inbound: asyncio.Queue = asyncio.Queue()
        self._consumer = None

    # asyncio.DatagramProtocol
    def connection_made(self, transport) -> None:
        self._udp = transport
        self._consumer = asyncio.ensure_future(self._consume())

    def datagram_received(self, data: bytes, addr) -> None:
        self._inbound.put_nowait(data)

    async def _consume(self) -> None:
        while True:
            data = await self._inbound.get()
            if self._receiver is not None:
                await self._receiver._handle_data(data)

    # the part of RTCDtlsTransport that RTCSctpTransport uses
    def _register_data_receiver(self, receiver) -> None:
        self._receiver = receiver

    def _unregister_data_receiver(self, receiver) -> None:
        if self._receiver is receiver:
            self._receiver = None

    async def _send_data(self, data: bytes) -> None:
        self._udp.sendto(data)

    def close(self) -> None:
        if self._consumer is not None:
            self._consumer.cancel()
        if self._udp is not None:
            self._udp.close()


async def wait_for(predicate, what: str, seconds: float) -> None:
    """Polls `predicate` every 10 ms, for at most `seconds`."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + seconds
    while not predicate():
        if loop.time() > deadline:
            raise TimeoutError(f"timed out waiting for {what}")
        await asyncio.sleep(0.01)


async def run(arguments) -> None:
    loop = asyncio.get_running_loop()
    local_host, local_port = arguments.local.rsplit(":", 1)
    remote_host, remote_port = arguments.remote.rsplit(":", 1)
    dtls = UdpDtlsStandIn(role="client")
    await loop.create_datagram_endpoint(
        lambda: dtls, local_addr=(local_host, int(local_port)), remote_addr=(remote_host, int(remote_port))
    )
    sctp = RTCSctpTransport(dtls, port=5000)
    channel = RTCDataChannel(sctp, RTCDataChannelParameters(label="interop"))
    echoes: list = []
    channel.on("message", echoes.append)
    try:
        await sctp.start(sctp.getCapabilities(), remotePort=5000)
        await wait_for(lambda: channel.readyState == "open", "the data channel to open", 5)
        print("aiortc_peer: data channel open on stream", channel.id, file=sys.stderr)
        for i in range(1, arguments.messages + 1):
            message = f"message {i}"
            channel.send(message)
            await wait_for(lambda: len(echoes) >= i, f"the echo of {message!r}", 5)
            if echoes[i - 1] != message:
                raise RuntimeError(f"echo {i} differs: {echoes[i - 1]!r}")
            print("aiortc_peer: echo:", echoes[i - 1], file=sys.stderr)
        await wait_for(lambda: sctp.state == "closed", "the peer's graceful shutdown", 5)
        print("aiortc_peer: association closed by the peer's SHUTDOWN", file=sys.stderr)
    finally:
        await sctp.stop()  # sends ABORT only if the association is still up, i.e. after a failure
        dtls.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--local", default="127.0.0.1:9902", help="local UDP address")
    parser.add_argument("--remote", default="127.0.0.1:9899", help="UDP encapsulation address of the peer")
    parser.add_argument("-n", dest="messages", type=int, default=3, help="string messages to send")
    parser.add_argument("--timeout", type=float, default=15, help="hard limit for the whole run, seconds")
    arguments = parser.parse_args()
    try:
        asyncio.run(asyncio.wait_for(run(arguments), arguments.timeout))
    except Exception as error:  # noqa: BLE001 - report any failure as a non-zero exit
        print(f"aiortc_peer: {type(error).__name__}: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
