/// Where the SCTP packet lies in a frame and what carried it, without the frame itself: what
/// `SCTPExtractor.locate(in:linkType:)` finds in borrowed bytes (a capture reader's buffer), so
/// that the hot paths neither copy nor retain the frame. `CarriedSCTPPacket(frame:linkType:location:)`
/// pairs it with an owned frame.
public struct SCTPLocation: Hashable, Sendable {
    /// Where the SCTP packet (common header onward) lies in the frame, as far as it was captured.
    public var sctpRange: Range<Int>
    /// Where the IP header begins in the frame.
    public var networkOffset: Int
    public var source: IPAddress
    public var destination: IPAddress
    public var carriage: SCTPCarriage
    /// Bytes the IP or UDP length promised that the capture does not hold; 0 when whole.
    public var missingBytes: Int
    /// The UDP checksum's status when UDP-encapsulated, nil otherwise.
    public var udpChecksum: UDPChecksumStatus?

    public init(
        sctpRange: Range<Int>, networkOffset: Int, source: IPAddress, destination: IPAddress, carriage: SCTPCarriage,
        missingBytes: Int, udpChecksum: UDPChecksumStatus?
    ) {
        self.sctpRange = sctpRange
        self.networkOffset = networkOffset
        self.source = source
        self.destination = destination
        self.carriage = carriage
        self.missingBytes = missingBytes
        self.udpChecksum = udpChecksum
    }

    /// Whether the whole SCTP packet was captured.
    public var isComplete: Bool { self.missingBytes == 0 }
}

/// What a frame holds, as far as SCTP is concerned, found in borrowed bytes: `SCTPExtraction`
/// without the frame.
public enum SCTPLocationResult: Hashable, Sendable {
    case sctp(SCTPLocation)
    case notSCTP(NotSCTPReason)
}
