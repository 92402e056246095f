#!/usr/bin/env python3
"""Writes the rule-checker fixture captures of this folder with scapy, an encoder independent of
sctpconform's own codec (scapy computes lengths, padding and the CRC32c itself unless told
otherwise). Run from this folder: python3 make-rule-fixtures.py. Deterministic: fixed timestamps."""

from scapy.all import Ether, IP, IPv6, UDP, Raw, wrpcap
from scapy.layers.sctp import (
    SCTP, SCTPChunkInit, SCTPChunkInitAck, SCTPChunkParamStateCookie, SCTPChunkCookieEcho,
    SCTPChunkCookieAck, SCTPChunkData, SCTPChunkSACK, SCTPChunkShutdown, SCTPChunkShutdownAck,
    SCTPChunkShutdownComplete, SCTPChunkHeartbeatReq, SCTPChunkHeartbeatAck, SCTPChunkParamHeartbeatInfo,
)

TAG_A, TAG_B = 0x11111111, 0x22222222
TSN_A, TSN_B = 1000, 5000
COOKIE = b"cookie of B, authenticated!!"


class Flow:
    """Packets between A and B over `carrier` (a function wrapping an SCTP layer)."""

    def __init__(self, carrier, ports=(5000, 7)):
        self.carrier = carrier
        self.ports = ports
        self.packets = []

    def send(self, sender, chunks, tag=None):
        sport, dport = self.ports if sender == "a" else self.ports[::-1]
        if tag is None:
            tag = TAG_B if sender == "a" else TAG_A
        sctp = SCTP(sport=sport, dport=dport, tag=tag)
        for chunk in chunks:
            sctp = sctp / chunk
        packet = self.carrier(sender, sctp)
        packet.time = 1_700_000_000 + len(self.packets) * 0.001
        self.packets.append(packet)

    def handshake(self):
        self.send("a", [SCTPChunkInit(init_tag=TAG_A, a_rwnd=65536, n_out_streams=10, n_in_streams=10,
                                      init_tsn=TSN_A)], tag=0)
        self.send("b", [SCTPChunkInitAck(init_tag=TAG_B, a_rwnd=65536, n_out_streams=10, n_in_streams=10,
                                         init_tsn=TSN_B, params=[SCTPChunkParamStateCookie(cookie=COOKIE)])])
        self.send("a", [SCTPChunkCookieEcho(cookie=COOKIE)])
        self.send("b", [SCTPChunkCookieAck()])

    def data(self, sender, tsn, payload=b"hello", tag=None):
        self.send(sender, [SCTPChunkData(tsn=tsn, stream_id=0, stream_seq=0, proto_id=51, data=payload,
                                         beginning=1, ending=1)], tag=tag)

    def sack(self, sender, cumulative):
        self.send(sender, [SCTPChunkSACK(cumul_tsn_ack=cumulative, a_rwnd=65536)])

    def shutdown(self, sender, cumulative):
        self.send(sender, [SCTPChunkShutdown(cumul_tsn_ack=cumulative)])
        self.send("b" if sender == "a" else "a", [SCTPChunkShutdownAck()])
        self.send(sender, [SCTPChunkShutdownComplete()])


def ipv4(sender, sctp):
    a, b = "198.18.0.1", "198.18.0.2"
    return IP(src=a, dst=b) / sctp if sender == "a" else IP(src=b, dst=a) / sctp


def ipv6(sender, sctp):
    a, b = "2001:db8::1", "2001:db8::2"
    return IPv6(src=a, dst=b) / sctp if sender == "a" else IPv6(src=b, dst=a) / sctp


def udp(port_a, port_b):
    def carrier(sender, sctp):
        ports = (port_a, port_b) if sender == "a" else (port_b, port_a)
        return Ether() / ipv4(sender, UDP(sport=ports[0], dport=ports[1]) / sctp)
    return carrier


def clean_ipv6():
    flow = Flow(ipv6)
    flow.handshake()
    flow.send("b", [SCTPChunkHeartbeatReq(params=[SCTPChunkParamHeartbeatInfo(data=b"\x01\x02\x03\x04\x05\x06\x07\x08")])])
    flow.send("a", [SCTPChunkHeartbeatAck(params=[SCTPChunkParamHeartbeatInfo(data=b"\x01\x02\x03\x04\x05\x06\x07\x08")])])
    flow.data("a", TSN_A)
    flow.sack("b", TSN_A)
    flow.data("b", TSN_B)
    flow.sack("a", TSN_B)
    flow.shutdown("a", TSN_B)
    wrpcap("clean-ipv6.pcap", flow.packets)


def wrong_tag():
    flow = Flow(ipv4)
    flow.handshake()
    flow.data("a", TSN_A, tag=TAG_B + 1)    # wrong tag: B must discard it
    flow.sack("b", TSN_A)                    # ... but acknowledges it
    wrpcap("vtag-wrong-tag-rawip.pcap", flow.packets)


def new_data_after_shutdown():
    flow = Flow(udp(9900, 9899))
    flow.handshake()
    flow.data("a", TSN_A)
    flow.sack("b", TSN_A)
    flow.send("a", [SCTPChunkShutdown(cumul_tsn_ack=TSN_B - 1)])
    flow.data("a", TSN_A + 1)                # new DATA after SHUTDOWN
    wrpcap("shutdown-new-data-udp9899.pcap", flow.packets)


def clean_other_udp_port():
    flow = Flow(udp(40000, 5005))
    flow.handshake()
    flow.data("a", TSN_A)
    flow.sack("b", TSN_A)
    wrpcap("clean-udp5005.pcap", flow.packets)


def non_zero_padding():
    flow = Flow(lambda sender, sctp: Ether() / ipv4(sender, sctp))
    flow.handshake()
    # DATA with 5 bytes of user data: 3 padding bytes, the middle one not zero. Built by hand so that
    # scapy does not pad it itself; scapy still computes the checksum.
    chunk = bytes([0x00, 0x03, 0x00, 0x15]) + TSN_A.to_bytes(4, "big") + bytes(8) + b"hello" + b"\x00\x55\x00"
    flow.send("a", [Raw(chunk)])
    wrpcap("padding-nonzero-ethernet.pcap", flow.packets)


if __name__ == "__main__":
    clean_ipv6()
    wrong_tag()
    new_data_after_shutdown()
    clean_other_udp_port()
    non_zero_padding()
