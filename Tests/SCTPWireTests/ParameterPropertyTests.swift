import PropertyBased
import SCTPWire
import Testing

/// Random and mutated bytes never crash the parameter decoders; whatever decodes re-encodes to bytes
/// that decode to the same values, and rebuilds from its own field record.
@Suite struct ParameterPropertyTests {
    /// Decodes `bytes` as a list and checks what a fuzzer relies on: a located error, or values
    /// that re-encode to bytes decoding to the same values and that rebuild from their field records.
    static func checkList(_ bytes: [UInt8]) {
        var reader = ByteReader(bytes, context: "fuzz")
        let list: [Parameter]
        do {
            list = try Parameter.decodeList(from: &reader)
        } catch {
            #expect((0...bytes.count).contains(error.offset), "\(error) outside \(bytes.count) bytes")
            #expect(reader.offset == 0)
            return
        }
        #expect(reader.isAtEnd)
        var writer = ByteWriter()
        Parameter.encodeList(list, into: &writer)
        var reread = ByteReader(writer.bytes, context: "fuzz")
        #expect((try? Parameter.decodeList(from: &reread)) == list, "re-decoding \(bytes)")
        for value in list {
            #expect((try? Parameter(fieldRecord: value.fieldRecord)) == value, "record of \(value)")
        }
    }

    /// Decodes `bytes` as one parameter: a located error, or a value within the input that survives
    /// an encode/decode round trip.
    static func checkSingle(_ bytes: [UInt8]) {
        var reader = ByteReader(bytes, context: "fuzz")
        let parameter: Parameter
        do {
            parameter = try Parameter.decode(from: &reader)
        } catch {
            #expect((0...bytes.count).contains(error.offset))
            #expect(reader.offset == 0)
            return
        }
        #expect(reader.offset <= bytes.count)
        var again = ByteReader(parameter.encoded, context: "fuzz")
        #expect((try? Parameter.decode(from: &again)) == parameter)
    }

    @Test func randomBytesNeverCrashDecodeList() async {
        await propertyCheck(count: 1500, input: Gen.uint8().array(of: 0...96)) { bytes in
            Self.checkList(bytes)
            Self.checkSingle(bytes)
        }
    }

    @Test func randomValuesUnderKnownTypesNeverCrash() async {
        let types = ParameterCodecTests.fixtures.map { $0.value.type }
        await propertyCheck(
            count: 1500, input: Gen.element(of: types), Gen.uint8().array(of: 0...40), Gen.int(in: -2...2)
        ) { type, value, lengthSkew in
            guard let type else { return }
            var writer = ByteWriter()
            writer.writeUInt16(type)
            writer.writeUInt16(UInt16(clamping: max(0, 4 + value.count + lengthSkew)))
            writer.writeBytes(value)
            Self.checkList(writer.bytes)
            Self.checkSingle(writer.bytes)
        }
    }

    @Test func mutatedFixturesNeverCrash() async {
        let fixtures = ParameterCodecTests.fixtures.map(\.bytes).filter { $0.count < 1000 }
        await propertyCheck(
            count: 2000, input: Gen.element(of: fixtures), Gen.int(in: 0...10_000), Gen.uint8(), Gen.int(in: 0...10_000)
        ) { fixture, position, byte, cut in
            guard var bytes = fixture, !bytes.isEmpty else { return }
            bytes[position % bytes.count] = byte
            Self.checkList(bytes)
            Self.checkList(Array(bytes.prefix(cut % (bytes.count + 1))))
            Self.checkSingle(bytes)
        }
    }
}
