/// Why the harness session could not go on: the target failed (crashed, hung, refused a packet) or
/// the harness could not do what was asked. A crash is also recorded as a `sut-crashed` finding.
public struct HarnessError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { self.message }
}
