/// One SCTP packet as the checker receives it: the SCTP bytes (common header onward), who sent it
/// to whom, and where it sits in the run or capture.
public struct SCTPObservation: Sendable {
    /// 1-based packet number (the frame number of a capture, the packet number of a run).
    public var number: Int
    /// Nanoseconds: virtual time in a live run, capture timestamp offline.
    public var time: UInt64
    public var source: TransportEndpoint
    public var destination: TransportEndpoint
    /// The SCTP packet, common header onward.
    public var bytes: [UInt8]
    /// Bytes the capture did not keep (a short snapshot length); such packets are not judged.
    public var missingBytes: Int

    public init(
        number: Int, time: UInt64, source: TransportEndpoint, destination: TransportEndpoint, bytes: [UInt8],
        missingBytes: Int = 0
    ) {
        self.number = number
        self.time = time
        self.source = source
        self.destination = destination
        self.bytes = bytes
        self.missingBytes = missingBytes
    }

    /// A packet whose endpoints are read from its own common header, on hosts `source` and
    /// `destination` (e.g. `.harness` and `.systemUnderTest`). Short packets get port 0.
    public init(number: Int, time: UInt64, from source: EndpointHost, to destination: EndpointHost, bytes: [UInt8]) {
        let sourcePort = bytes.count >= 2 ? UInt16(bytes[0]) << 8 | UInt16(bytes[1]) : 0
        let destinationPort = bytes.count >= 4 ? UInt16(bytes[2]) << 8 | UInt16(bytes[3]) : 0
        self.init(
            number: number, time: time, source: TransportEndpoint(host: source, port: sourcePort),
            destination: TransportEndpoint(host: destination, port: destinationPort), bytes: bytes)
    }
}
