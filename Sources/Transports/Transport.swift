import VirtualTime

/// One SCTP packet (common header onward, no IP or UDP header) and the virtual instant at which
/// it was sent.
public struct TimedPacket: Hashable, Sendable {
    public var time: VirtualInstant
    public var bytes: [UInt8]

    public init(time: VirtualInstant, bytes: [UInt8]) {
        self.time = time
        self.bytes = bytes
    }
}

/// Why a transport could not carry a packet.
public struct TransportError: Error, Hashable, Sendable, CustomStringConvertible {
    public var reason: String

    public init(_ reason: String) {
        self.reason = reason
    }

    public var description: String { self.reason }
}

/// The harness's side of the wire to one system under test: the one small protocol every target
/// provides, and that pcap capture and fault injection wrap as decorators.
///
/// Time is always the caller's virtual time. A hosted stack (usrsctp on virtual time) runs its
/// timers only up to the deadline it is given; a remote stack maps the deadline to a bounded wait.
public protocol Transport: AnyObject {
    /// Sends one SCTP packet to the peer at `time`.
    func send(_ packet: [UInt8], at time: VirtualInstant) throws(TransportError)

    /// Lets the peer run until `deadline` and returns every packet it sent up to then, in order,
    /// each stamped with the instant it was sent (never later than `deadline`).
    func receive(until deadline: VirtualInstant) throws(TransportError) -> [TimedPacket]
}
