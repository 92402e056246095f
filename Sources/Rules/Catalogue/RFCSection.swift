/// A section of an RFC: where the requirement a rule enforces is written.
public struct RFCSection: Hashable, Sendable, Comparable, Codable, CustomStringConvertible {
    /// The RFC number (9260 for SCTP itself).
    public var rfc: Int
    /// The section number as the RFC writes it (`8.5.1`, `3.3.10.3`).
    public var section: String

    public init(rfc: Int = 9260, _ section: String) {
        self.rfc = rfc
        self.section = section
    }

    /// RFC 9260, the SCTP specification.
    public static func sctp(_ section: String) -> RFCSection {
        RFCSection(rfc: 9260, section)
    }

    /// `RFC 9260 §8.5.1`.
    public var description: String {
        "RFC \(self.rfc) §\(self.section)"
    }

    public static func < (lhs: RFCSection, rhs: RFCSection) -> Bool {
        if lhs.rfc != rhs.rfc { return lhs.rfc < rhs.rfc }
        return Self.sectionKey(lhs.section).lexicographicallyPrecedes(Self.sectionKey(rhs.section))
    }

    /// `8.5.1` as [8, 5, 1], so that 3.10 sorts after 3.9.
    private static func sectionKey(_ section: String) -> [Int] {
        section.split(separator: ".").map { Int($0) ?? 0 }
    }
}
