/// What every typed error cause provides so that `ErrorCause` can frame, decode, print and rebuild it
/// from a field record. Each conforming type is one registered cause code.
public protocol ErrorCauseBody: Hashable, Sendable, FieldRecordConvertible {
    /// The cause code this value is sent with.
    static var causeCode: ErrorCauseCode { get }
    /// The registered name, as tcpdump and Wireshark print it (`Stale Cookie Error`).
    static var name: String { get }
    /// The value lengths the structure allows; framing checks it before `init(decodingValue:)`.
    static var valueLength: TLVValueLength { get }
    /// The record kind and its fields, for documentation tables.
    static var fieldSchema: FieldRecordSchema { get }

    /// Decodes the value from `reader`, which covers exactly the value bytes (no header, no padding)
    /// and whose length `valueLength` has accepted.
    init(decodingValue reader: inout ByteReader) throws(WireDecodingError)

    /// Writes the value only (no header, no padding).
    func encodeValue(into writer: inout ByteWriter)

    /// The value wrapped in its `ErrorCause` case.
    var errorCause: ErrorCause { get }
}

extension ErrorCauseBody {
    /// The record kind (`stale-cookie-error`).
    public static var kind: String { Self.fieldSchema.kind }

    /// The whole cause, padded to 4 bytes.
    public var encoded: [UInt8] {
        self.errorCause.encoded
    }
}
