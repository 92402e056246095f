#!/usr/bin/env python3
"""Writes the captures of this folder with scapy: situations of real traffic that `sctpconform check`
must not blame on the stacks (issue 11: checksum offload, RFC 2960 Adler-32 checksums, multihoming,
packets crossing in flight, capture loss, a stray packet after an association ended). Run from this
folder: python3 make-real-traffic-fixtures.py. Deterministic: fixed timestamps and values."""

import zlib

from scapy.all import IP, wrpcap
from scapy.layers.sctp import (
    SCTP, SCTPChunkInit, SCTPChunkInitAck, SCTPChunkParamStateCookie, SCTPChunkCookieEcho,
    SCTPChunkCookieAck, SCTPChunkData, SCTPChunkSACK, SCTPChunkShutdown, SCTPChunkShutdownAck,
    SCTPChunkShutdownComplete, SCTPChunkHeartbeatReq, SCTPChunkHeartbeatAck, SCTPChunkParamHeartbeatInfo,
    SCTPChunkAbort, SCTPChunkParamIPv4Addr,
)

TAG_A, TAG_B = 0x11111111, 0x22222222
TSN_A, TSN_B = 1000, 5000
COOKIE = b"cookie of B, authenticated!!"
A, B = "10.128.0.81", "10.128.0.82"
A2 = "10.129.0.81"   # A's second address, listed in its INIT
B2 = "10.129.0.82"   # B's second address, listed in its INIT ACK


def adler32_checksum(sctp_bytes):
    """RFC 2960 Appendix B: Adler-32 over the packet with the checksum field zeroed."""
    zeroed = sctp_bytes[:8] + b"\x00\x00\x00\x00" + sctp_bytes[12:]
    return zlib.adler32(zeroed) & 0xFFFFFFFF


class Flow:
    """Packets between A (port 5000) and B (port 7). `checksums` maps a sender to how its checksums
    are written: "crc" (scapy's CRC32c), "zero", "stale" (the previous packet's) or "adler"."""

    def __init__(self, checksums=None, start=1_700_000_000.0, step=0.001):
        self.checksums = checksums or {}
        self.packets = []
        self.time = start
        self.step = step
        self.last_crc = 0x5eed5eed

    def send(self, sender, chunks, tag=None, src=None, dst=None, gap=None):
        sport, dport = (5000, 7) if sender == "a" else (7, 5000)
        if tag is None:
            tag = TAG_B if sender == "a" else TAG_A
        src = src or (A if sender == "a" else B)
        dst = dst or (B if sender == "a" else A)
        sctp = SCTP(sport=sport, dport=dport, tag=tag)
        for chunk in chunks:
            sctp = sctp / chunk
        crc = int.from_bytes(bytes(sctp)[8:12], "big")
        mode = self.checksums.get(sender, "crc")
        if mode == "zero":
            sctp.chksum = 0
        elif mode == "stale":
            sctp.chksum = self.last_crc
        elif mode == "adler":
            sctp.chksum = 0
            sctp.chksum = adler32_checksum(bytes(sctp))
        self.last_crc = crc
        packet = IP(src=src, dst=dst) / sctp
        self.time += gap if gap is not None else self.step
        packet.time = self.time
        self.packets.append(packet)

    def init(self, sender="a", params=None):
        self.send(sender, [SCTPChunkInit(init_tag=TAG_A, a_rwnd=65536, n_out_streams=10, n_in_streams=10,
                                         init_tsn=TSN_A, params=params or [])], tag=0)

    def handshake(self, init_params=None):
        self.init(params=init_params)
        self.send("b", [SCTPChunkInitAck(init_tag=TAG_B, a_rwnd=65536, n_out_streams=10, n_in_streams=10,
                                         init_tsn=TSN_B, params=[SCTPChunkParamStateCookie(cookie=COOKIE)])])
        self.send("a", [SCTPChunkCookieEcho(cookie=COOKIE)])
        self.send("b", [SCTPChunkCookieAck()])

    def data(self, sender, tsn, payload=b"hello", **kwargs):
        self.send(sender, [SCTPChunkData(tsn=tsn, stream_id=0, stream_seq=0, proto_id=51, data=payload,
                                         beginning=1, ending=1)], **kwargs)

    def sack(self, sender, cumulative, **kwargs):
        self.send(sender, [SCTPChunkSACK(cumul_tsn_ack=cumulative, a_rwnd=65536)], **kwargs)

    def heartbeat(self, sender, **kwargs):
        info = [SCTPChunkParamHeartbeatInfo(data=b"\x01\x02\x03\x04\x05\x06\x07\x08")]
        self.send(sender, [SCTPChunkHeartbeatReq(params=info)], **kwargs)
        self.send("b" if sender == "a" else "a", [SCTPChunkHeartbeatAck(params=info)])

    def shutdown(self, sender, cumulative):
        self.send(sender, [SCTPChunkShutdown(cumul_tsn_ack=cumulative)])
        self.send("b" if sender == "a" else "a", [SCTPChunkShutdownAck()])
        self.send(sender, [SCTPChunkShutdownComplete()])


def whole_association(flow, messages=3):
    """Handshake, DATA both ways with SACKs, a heartbeat, and a graceful shutdown started by A."""
    flow.handshake()
    for index in range(messages):
        flow.data("a", TSN_A + index)
        flow.sack("b", TSN_A + index)
    flow.data("b", TSN_B)
    flow.sack("a", TSN_B)
    flow.heartbeat("b")
    flow.shutdown("a", TSN_B)
    return flow


def offload():
    # Item 1: A's packets captured before its card filled in the checksum (zero, or stale: the
    # previous packet's); B answers every one of them. On loopback both sides look like that.
    wrpcap("offload-zero-client.pcap", whole_association(Flow({"a": "zero"})).packets)
    wrpcap("offload-stale-client.pcap", whole_association(Flow({"a": "stale"})).packets)
    wrpcap("offload-zero-loopback.pcap", whole_association(Flow({"a": "zero", "b": "zero"})).packets)
    # Two associations one after the other between the same offloaded endpoint and its peer.
    flow = whole_association(Flow({"a": "zero"}))
    whole_association(flow)
    wrpcap("offload-two-associations.pcap", flow.packets)


def adler32():
    # Item 2: two stacks of before 2002 using RFC 2960's Adler-32 (both accept it).
    wrpcap("adler32-rfc2960.pcap", whole_association(Flow({"a": "adler", "b": "adler"})).packets)


def multihoming():
    # Item 3: A lists a second address in its INIT, which no packet used so far. A aborts; B's DATA,
    # sent before the ABORT reached it (half a millisecond later, where B answers in one), is out of
    # the blue at A, which answers from its second address with an ABORT whose T bit reflects its own
    # tag, the one B's DATA carried.
    flow = Flow()
    flow.handshake(init_params=[SCTPChunkParamIPv4Addr(addr=A), SCTPChunkParamIPv4Addr(addr=A2)])
    flow.data("a", TSN_A)
    flow.sack("b", TSN_A)
    flow.send("a", [SCTPChunkAbort()], gap=1.0)                 # A aborts, from its primary address
    flow.data("b", TSN_B, gap=0.0005)                           # B had not received it yet
    flow.send("a", [SCTPChunkAbort(TCB=1)], tag=TAG_A, src=A2)  # out of the blue at A: T bit, own tag
    wrpcap("multihomed-reflected-abort.pcap", flow.packets)
    # B answers A's INIT from its second address, which its INIT ACK lists; A's COOKIE ECHO and DATA
    # go there, and B answers from there.
    flow = Flow()
    flow.init()
    flow.send("b", [SCTPChunkInitAck(init_tag=TAG_B, a_rwnd=65536, n_out_streams=10, n_in_streams=10,
                                     init_tsn=TSN_B, params=[SCTPChunkParamIPv4Addr(addr=B2),
                                                             SCTPChunkParamStateCookie(cookie=COOKIE)])], src=B2)
    flow.send("a", [SCTPChunkCookieEcho(cookie=COOKIE)], dst=B2)
    flow.send("b", [SCTPChunkCookieAck()], src=B2)
    flow.data("a", TSN_A, dst=B2)
    flow.sack("b", TSN_A, src=B2)
    flow.shutdown("a", TSN_B - 1)
    wrpcap("multihomed-init-ack-elsewhere.pcap", flow.packets)


def in_flight():
    # Item 4: captured next to B, 20 ms away from A (A's answers come 40 ms after what B sent). B
    # sends SHUTDOWN and, 1 ms later, aborts; A answered the SHUTDOWN with a SHUTDOWN ACK as soon as
    # it arrived, 19 ms before the ABORT did, so the capture shows it after the ABORT.
    flow = Flow()
    flow.init()
    flow.send("b", [SCTPChunkInitAck(init_tag=TAG_B, a_rwnd=65536, n_out_streams=10, n_in_streams=10,
                                     init_tsn=TSN_B, params=[SCTPChunkParamStateCookie(cookie=COOKIE)])])
    flow.send("a", [SCTPChunkCookieEcho(cookie=COOKIE)], gap=0.040)
    flow.send("b", [SCTPChunkCookieAck()])
    flow.data("a", TSN_A, gap=0.030)
    flow.sack("b", TSN_A)
    flow.send("b", [SCTPChunkShutdown(cumul_tsn_ack=TSN_A)], gap=0.100)
    flow.send("b", [SCTPChunkAbort()])
    flow.send("a", [SCTPChunkShutdownAck()], gap=0.039)
    wrpcap("in-flight-shutdown-ack.pcap", flow.packets)
    # The same SHUTDOWN ACK captured 200 ms after the ABORT: A had it by then.
    flow.packets[-1].time += 0.161
    wrpcap("in-flight-late-shutdown-ack.pcap", flow.packets)


def long_transfer():
    """A longer association for the capture-loss excerpts: 40 DATA chunks each way, one heartbeat,
    a graceful shutdown."""
    flow = Flow(step=0.010)
    flow.handshake()
    for index in range(40):
        flow.data("a", TSN_A + index)
        flow.sack("b", TSN_A + index)
        flow.data("b", TSN_B + index)
        flow.sack("a", TSN_B + index)
    flow.heartbeat("b")
    flow.shutdown("a", TSN_B + 39)
    return flow.packets


def capture_loss():
    # Item 5: the same association kept whole, cut to 25 frames (its INIT and its last 24), and as a
    # sparse excerpt (every third frame, as a capture filter or a lossy capture would leave it).
    packets = long_transfer()
    wrpcap("loss-whole.pcap", packets)
    wrpcap("loss-cut-25-frames.pcap", packets[:1] + packets[-24:])
    wrpcap("loss-sparse-excerpt.pcap", packets[::3])
    # A capture that lost everything for ten minutes, a SHUTDOWN among it: the SHUTDOWN ACK after
    # the silence answers a SHUTDOWN the capture does not hold.
    flow = Flow()
    flow.handshake()
    flow.data("a", TSN_A)
    flow.sack("b", TSN_A)
    flow.send("b", [SCTPChunkShutdownAck()], gap=600.0)
    flow.send("a", [SCTPChunkShutdownComplete()])
    wrpcap("loss-silence.pcap", flow.packets)


def stray_after_end():
    # Item 17: an association ends with an ABORT; later one stray DATA on the same port pair, with
    # a TSN far from the old ones, under a tag unknown to B. B answers it with an ABORT (T bit).
    flow = Flow()
    flow.handshake()
    flow.data("a", TSN_A)
    flow.sack("b", TSN_A)
    flow.send("a", [SCTPChunkAbort()])
    flow.data("a", 7000, tag=0x33333333, gap=5.0)
    flow.send("b", [SCTPChunkAbort(TCB=1)], tag=0x33333333)
    wrpcap("stray-data-after-abort.pcap", flow.packets)


if __name__ == "__main__":
    offload()
    adler32()
    multihoming()
    in_flight()
    capture_loss()
    stray_after_end()
