/// Why a frame could not be decoded below SCTP, and where.
///
/// Like the SCTP codec, these decoders never judge: a wrong IPv4 header checksum or a capture cut
/// short by the snapshot length is reported as information, not as an error. An error means the
/// bytes cannot be read as the header they claim to be.
public struct NetworkLayerError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The header being decoded.
    public enum Layer: String, Hashable, Sendable {
        case ethernet = "Ethernet header"
        case vlanTag = "802.1Q VLAN tag"
        case linuxCooked = "Linux cooked (SLL) header"
        case linuxCookedV2 = "Linux cooked v2 (SLL2) header"
        case ipv4 = "IPv4 header"
        case ipv6 = "IPv6 header"
        case ipv6Extension = "IPv6 extension header"
        case udp = "UDP header"
    }

    /// What was wrong.
    public enum Reason: Hashable, Sendable {
        /// Fewer bytes were left than the header needs.
        case truncated(needed: Int, available: Int)
        /// The IP version nibble is not the one this header is (4 or 6).
        case wrongVersion(found: UInt8, expected: UInt8)
        /// A length field is smaller than the fixed part it must at least cover.
        case lengthTooShort(declared: Int, minimum: Int)
        /// Some other value the header cannot hold.
        case invalidValue(String)
    }

    /// Absolute byte offset of the problem in the frame.
    public var offset: Int
    public var layer: Layer
    public var reason: Reason

    public init(offset: Int, layer: Layer, reason: Reason) {
        self.offset = offset
        self.layer = layer
        self.reason = reason
    }

    /// `offset 14: IPv4 header: truncated: needs 20 bytes, 6 available`.
    public var description: String {
        let what: String
        switch self.reason {
        case .truncated(let needed, let available):
            what = "truncated: needs \(needed) bytes, \(available) available"
        case .wrongVersion(let found, let expected):
            what = "IP version \(found), expected \(expected)"
        case .lengthTooShort(let declared, let minimum):
            what = "length \(declared) is shorter than the minimum \(minimum)"
        case .invalidValue(let text):
            what = text
        }
        return "offset \(self.offset): \(self.layer.rawValue): \(what)"
    }
}

/// Why an SCTP packet could not be wrapped in IP (and UDP).
public enum EncapsulationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Source and destination are not of the same IP version.
    case addressFamilyMismatch(source: IPAddress, destination: IPAddress)
    /// The packet would not fit the IP (or UDP) length field.
    case payloadTooLarge(length: Int, maximum: Int)
    /// IPv4 options must be at most 40 bytes.
    case optionsTooLong(length: Int)

    public var description: String {
        switch self {
        case .addressFamilyMismatch(let source, let destination):
            "source \(source) and destination \(destination) are not of the same IP version"
        case .payloadTooLarge(let length, let maximum):
            "a \(length)-byte payload does not fit (at most \(maximum) bytes)"
        case .optionsTooLong(let length):
            "IPv4 options of \(length) bytes exceed the 40 bytes the header can hold"
        }
    }
}
