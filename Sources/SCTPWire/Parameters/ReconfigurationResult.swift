/// The result of a re-configuration request, as carried in a Re-configuration Response
/// (RFC 6525 §4.4; IANA "Re-configuration Result Codes").
public struct ReconfigurationResult: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: UInt32

    public init(rawValue: UInt32) {
        self.rawValue = rawValue
    }

    /// 0: Success - Nothing to do.
    public static let successNothingToDo = ReconfigurationResult(rawValue: 0)
    /// 1: Success - Performed.
    public static let successPerformed = ReconfigurationResult(rawValue: 1)
    /// 2: Denied.
    public static let denied = ReconfigurationResult(rawValue: 2)
    /// 3: Error - Wrong SSN.
    public static let errorWrongSSN = ReconfigurationResult(rawValue: 3)
    /// 4: Error - Request already in progress.
    public static let errorRequestAlreadyInProgress = ReconfigurationResult(rawValue: 4)
    /// 5: Error - Bad Sequence Number.
    public static let errorBadSequenceNumber = ReconfigurationResult(rawValue: 5)
    /// 6: In progress.
    public static let inProgress = ReconfigurationResult(rawValue: 6)

    /// The registered name, or nil for an unregistered value.
    public var name: String? {
        switch self.rawValue {
        case 0: "Success - Nothing to do"
        case 1: "Success - Performed"
        case 2: "Denied"
        case 3: "Error - Wrong SSN"
        case 4: "Error - Request already in progress"
        case 5: "Error - Bad Sequence Number"
        case 6: "In progress"
        default: nil
        }
    }

    /// `Denied (2)`, or `result 9`.
    public var description: String {
        self.name.map { "\($0) (\(self.rawValue))" } ?? "result \(self.rawValue)"
    }
}
