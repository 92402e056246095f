/// Restart of an Association with New Addresses cause, code 11 (RFC 9260 §3.3.10.11): an INIT that
/// would restart an association added addresses; the value lists the new ones.
///
///     code = 11 (16) | length (16) | new address parameters (TLVs) ...
public struct RestartWithNewAddressesCause: ErrorCauseBody, TLVContainer {
    /// The address parameters that were new, in wire order.
    public var newAddresses: [Parameter]

    public init(newAddresses: [Parameter]) {
        self.newAddresses = newAddresses
    }

    public static let causeCode = ErrorCauseCode.restartWithNewAddresses
    public static let name = "Restart of an Association with New Addresses"
    public static let valueLength = TLVValueLength.any
    public static let fieldSchema = FieldRecordSchema(
        kind: "restart-with-new-addresses", summary: "Restart of an Association with New Addresses cause (code 11)",
        reference: "RFC 9260 §3.3.10.11",
        fields: [.init("addresses", .list(of: .record(of: "parameter")), "The new address parameters")])

    public init(decodingValue reader: inout ByteReader) throws(WireDecodingError) {
        self.newAddresses = try Parameter.decodeList(from: &reader)
    }

    /// Writes the addresses, the last one unpadded (RFC 9260 §3.2).
    public func encodeValue(into writer: inout ByteWriter) {
        Parameter.encodeList(self.newAddresses, into: &writer)
    }

    public var errorCause: ErrorCause { .restartWithNewAddresses(self) }

    public var fieldRecord: FieldRecord {
        FieldRecord(
            kind: Self.kind, fields: [.init("addresses", .list(self.newAddresses.map { .record($0.fieldRecord) }))])
    }

    public init(fieldRecord: FieldRecord) throws(FieldRecordError) {
        let fields = try TLVFieldReader(fieldRecord, schema: Self.fieldSchema)
        self.init(
            newAddresses: try fields.nestedList("addresses") { record throws(FieldRecordError) in
                try Parameter(fieldRecord: record)
            })
    }
}
