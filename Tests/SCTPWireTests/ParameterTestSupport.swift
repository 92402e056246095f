import SCTPWire
import Testing

/// Shared helpers for the parameter and error-cause tests: hex fixtures and the shared
/// `CodecVerifier` set up for `Parameter` and `ErrorCause`.
enum ParameterTestSupport {
    /// Bytes from hex text; spaces, newlines and `|` separators are ignored (`"0005 0008 | c612 0001"`).
    static func hex(_ text: String) -> [UInt8] {
        let digits = text.filter { $0.isHexDigit }
        var bytes: [UInt8] = []
        var index = digits.startIndex
        while index < digits.endIndex {
            let next = digits.index(index, offsetBy: 2, limitedBy: digits.endIndex) ?? digits.endIndex
            bytes.append(UInt8(digits[index..<next], radix: 16) ?? 0)
            index = next
        }
        return bytes
    }

    /// The verifier for single parameters (a parameter is a TLV: dropping its padding keeps it valid).
    static let parameterVerifier = CodecVerifier<Parameter>(
        name: "parameter",
        decode: { try Parameter.decode(from: &$0) },
        encode: { $0.encode(into: &$1) },
        prefixPolicy: .tlv,
        fieldRecord: { $0.fieldRecord },
        fromFieldRecord: { try Parameter(fieldRecord: $0) })

    /// The verifier for single error causes.
    static let causeVerifier = CodecVerifier<ErrorCause>(
        name: "error cause",
        decode: { try ErrorCause.decode(from: &$0) },
        encode: { $0.encode(into: &$1) },
        prefixPolicy: .tlv,
        fieldRecord: { $0.fieldRecord },
        fromFieldRecord: { try ErrorCause(fieldRecord: $0) })

    /// Decodes one parameter from `bytes`, returning the error it throws (nil if it decodes).
    static func parameterError(_ bytes: [UInt8]) -> WireDecodingError? {
        var reader = ByteReader(bytes, context: "test")
        do {
            _ = try Parameter.decode(from: &reader)
            return nil
        } catch {
            return error
        }
    }

    /// Decodes one error cause from `bytes`, returning the error it throws (nil if it decodes).
    static func causeError(_ bytes: [UInt8]) -> WireDecodingError? {
        var reader = ByteReader(bytes, context: "test")
        do {
            _ = try ErrorCause.decode(from: &reader)
            return nil
        } catch {
            return error
        }
    }

    /// The error `build` throws, or nil.
    static func recordError<T>(_ build: () throws(FieldRecordError) -> T) -> FieldRecordError? {
        do {
            _ = try build()
            return nil
        } catch {
            return error
        }
    }

    static let ipv4 = Parameter.ipv4Address(IPv4AddressParameter(address: IPv4AddressValue(198, 18, 0, 1)))
    static let ipv6 = Parameter.ipv6Address(
        IPv6AddressParameter(address: IPv6AddressValue(high: 0x2001_0db8_0000_0000, low: 0x0000_0000_0000_0001)))
}

/// One encoded value and what it must decode to.
struct TLVCodecFixture<Value: Sendable>: Sendable, CustomTestStringConvertible {
    var name: String
    var bytes: [UInt8]
    var value: Value

    init(_ name: String, _ hex: String, _ value: Value) {
        self.name = name
        self.bytes = ParameterTestSupport.hex(hex)
        self.value = value
    }

    init(_ name: String, bytes: [UInt8], _ value: Value) {
        self.name = name
        self.bytes = bytes
        self.value = value
    }

    var testDescription: String { self.name }
}
