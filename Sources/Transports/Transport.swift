import NetworkLayers
import VirtualTime

/// Why a transport could not carry a packet.
public struct TransportError: Error, Hashable, Sendable, CustomStringConvertible {
    public var reason: String

    public init(_ reason: String) {
        self.reason = reason
    }

    public var description: String { self.reason }
}

/// What `Transport.receiveNext(until:)` found: how far the peer ran and what it sent by then.
public struct ReceiveResult: Hashable, Sendable {
    /// The instant the peer stopped at: the first instant at which it produced output (a packet, or
    /// for a hosted stack an application event), or the deadline if it produced none before.
    public var time: VirtualInstant
    /// The packets sent at `time` (packets queued from earlier keep their own, earlier instants), in
    /// order, each with its addresses and carriage.
    public var packets: [AddressedPacket]

    public init(time: VirtualInstant, packets: [AddressedPacket]) {
        self.time = time
        self.packets = packets
    }
}

/// The harness's side of the wire to one system under test: the one small protocol every target
/// provides, and that pcap capture and fault injection wrap as decorators.
///
/// Time is always the caller's virtual time, and it is event-driven: `receiveNext(until:)` lets the
/// peer run only until it next does something, so the harness learns of a packet at the instant it
/// was sent and can answer at that same instant. A hosted stack (usrsctp on virtual time) steps its
/// timers up to the first instant with output; a remote stack maps the deadline to a bounded wait
/// for the next packet, stamping it with the arrival instant.
public protocol Transport: AnyObject {
    /// Sends one SCTP packet to the peer at `packet.time`, from `packet.source` to
    /// `packet.destination`, carried as `packet.carriage` (a transport without addresses, such as
    /// usrsctp's AF_CONN, ignores them).
    func send(_ packet: AddressedPacket) throws(TransportError)

    /// Lets the peer run from where it stands to at most `deadline`, stopping at the first instant
    /// at which it produced output, and returns that instant with every packet sent then. Output
    /// already pending (replies to a `send`) is returned at once. A result before the deadline
    /// without packets is allowed (the stack's application saw something, or a decorator held or
    /// dropped the packets): the caller looks and asks again. `time` never moves backwards and never
    /// passes `deadline`, except that a peer whose clock already stands past `deadline` reports
    /// nothing new until it is asked for its own instant or later.
    func receiveNext(until deadline: VirtualInstant) throws(TransportError) -> ReceiveResult

    /// The first half of `send`: hands the packet over and returns before the peer has taken it, so
    /// the caller can do other work meanwhile; `finishSend()` must follow before any other call.
    /// Together they do exactly what `send` does, and fail as it would (`finishSend` reports what the
    /// peer did with the packet, such as dying of it). Default: `send`.
    func beginSend(_ packet: AddressedPacket) throws(TransportError)
    /// The second half of `send`: waits until the peer has taken the packet begun last. Default:
    /// nothing (the default `beginSend` sent it whole).
    func finishSend() throws(TransportError)
}

extension Transport {
    public func beginSend(_ packet: AddressedPacket) throws(TransportError) {
        try self.send(packet)
    }

    public func finishSend() throws(TransportError) {}
}

extension Transport {
    /// Lets the peer run until `deadline` and returns every packet it sent up to then, in order,
    /// each stamped with the instant it was sent (never later than `deadline`): `receiveNext` until
    /// the deadline is reached.
    ///
    /// Bounded: a peer that reports output at the same instant more than `stallLimit` times in a
    /// row without sending anything counts as stuck (a `TransportError`).
    public func receive(until deadline: VirtualInstant, stallLimit: Int = 1_000) throws(TransportError)
        -> [AddressedPacket]
    {
        var packets: [AddressedPacket] = []
        var last: VirtualInstant?
        var stalls = 0
        while true {
            let result = try self.receiveNext(until: deadline)
            packets += result.packets
            if result.time >= deadline { return packets }
            if result.packets.isEmpty && result.time == last {
                stalls += 1
                if stalls > stallLimit {
                    throw TransportError("the peer made no progress at \(result.time) in \(stallLimit) calls")
                }
            } else {
                stalls = 0
            }
            last = result.time
        }
    }
}
