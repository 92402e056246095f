import SCTPWire
import Scenario
import Testing

@Suite struct PatternMatcherTests {
    private func record(_ kind: String, _ fields: [(String, FieldValue)]) -> FieldRecord {
        FieldRecord(kind: kind, fields: fields.map { FieldRecord.Field($0.0, $0.1) })
    }

    private func entry(_ name: String, _ pattern: FieldPattern) -> FieldPatternEntry {
        FieldPatternEntry(name: name, pattern: pattern, location: FileLocation(file: "t.yaml", line: 1, column: 1))
    }

    @Test func comparisonsRangesAndVariables() {
        var matcher = PatternMatcher(variables: VariableStore(["mis": .unsigned(10), "tsn": .unsigned(0xFFFF_FFFF)]))
        let value = FieldValue.unsigned(10)
        func matches(_ pattern: FieldPattern, _ value: FieldValue) -> Bool {
            matcher.match(pattern, value, path: "f", location: nil).isEmpty
        }
        #expect(matches(.comparison(.lessOrEqual, .variable("mis")), value))
        #expect(!matches(.comparison(.less, .variable("mis")), value))
        #expect(matches(.comparison(.notEqual, .literal(0)), value))
        #expect(matches(.range(lower: .literal(1), upper: .literal(10)), value))
        #expect(!matches(.range(lower: .literal(11), upper: nil), value))
        #expect(matches(.range(lower: nil, upper: .literal(10)), value))
        // TSN arithmetic wraps modulo 2^32.
        #expect(matches(.comparison(.equal, .sum(.variable("tsn"), .literal(1))), .unsigned(0)))
        #expect(matches(.comparison(.equal, .difference(.literal(0), .literal(1))), .unsigned(0xFFFF_FFFF)))
        #expect(!matches(.comparison(.greater, .literal(1)), .bytes([1])))
        #expect(matches(.any, .bytes([])))
    }

    @Test func undefinedVariableIsAMismatchThatSaysSo() throws {
        var matcher = PatternMatcher(variables: VariableStore())
        let mismatch = try #require(
            matcher.match(
                .comparison(.equal, .variable("peer_tag")), .unsigned(5), path: "init-ack.initiate_tag", location: nil
            ).first)
        #expect(mismatch.expected == "$peer_tag, but variable $peer_tag has no value yet")
        #expect(matcher.unresolved == ["peer_tag"])
        #expect(mismatch.observed == "5")
    }

    @Test func bytesAndTextCompareAsUTF8() {
        var matcher = PatternMatcher(variables: VariableStore(["c": .bytes([1, 2, 3])]))
        #expect(matcher.match(.text("hi"), .bytes(Array("hi".utf8)), path: "x", location: nil).isEmpty)
        #expect(matcher.match(.bytes([1, 2, 3]), .bytes([1, 2, 3]), path: "x", location: nil).isEmpty)
        #expect(
            matcher.match(.comparison(.equal, .variable("c")), .bytes([1, 2, 3]), path: "x", location: nil).isEmpty)
        #expect(
            !matcher.match(.comparison(.notEqual, .variable("c")), .bytes([1, 2, 3]), path: "x", location: nil).isEmpty)
        #expect(!matcher.match(.bytes([1, 2]), .bytes([1, 2, 3]), path: "x", location: nil).isEmpty)
    }

    @Test func capturesHappenInOrderAndOnlyOnSuccess() {
        var matcher = PatternMatcher(variables: VariableStore())
        let pattern = RecordPattern(
            kind: "init-ack",
            fields: [
                self.entry("initiate_tag", .capture(name: "tag", pattern: .comparison(.notEqual, .literal(0)))),
                self.entry("a_rwnd", .comparison(.equal, .variable("tag"))),
            ])
        let good = self.record("init-ack", [("initiate_tag", .unsigned(7)), ("a_rwnd", .unsigned(7))])
        #expect(matcher.match(pattern, good, path: "init-ack").isEmpty)
        #expect(matcher.variables["tag"] == .unsigned(7))
        var fresh = PatternMatcher(variables: VariableStore())
        let zero = self.record("init-ack", [("initiate_tag", .unsigned(0)), ("a_rwnd", .unsigned(0))])
        let mismatches = fresh.match(pattern, zero, path: "init-ack")
        #expect(mismatches.map(\.path) == ["init-ack.initiate_tag", "init-ack.a_rwnd"])
        #expect(fresh.variables["tag"] == nil)
    }

    @Test func listsContainExactAndEmpty() {
        var matcher = PatternMatcher(variables: VariableStore())
        let list = FieldValue.list([.unsigned(5), .unsigned(6), .unsigned(5)])
        func located(_ pattern: FieldPattern) -> LocatedPattern {
            LocatedPattern(pattern, at: FileLocation(file: "t", line: 1, column: 1))
        }
        let contains = ListPattern(
            elements: [located(.comparison(.equal, .literal(6))), located(.comparison(.equal, .literal(5)))],
            exact: false)
        #expect(matcher.match(.list(contains), list, path: "l", location: nil).isEmpty)
        let twice = ListPattern(
            elements: [located(.comparison(.equal, .literal(6))), located(.comparison(.equal, .literal(6)))],
            exact: false)
        #expect(matcher.match(.list(twice), list, path: "l", location: nil).first?.expected == "an element matching 6")
        let exact = ListPattern(elements: [located(.any), located(.comparison(.equal, .literal(6)))], exact: true)
        #expect(
            matcher.match(.list(exact), list, path: "l", location: nil).first?.expected.hasPrefix("2 elements") == true)
        let empty = ListPattern(elements: [], exact: true)
        #expect(matcher.match(.list(empty), .list([]), path: "l", location: nil).isEmpty)
        #expect(!matcher.match(.list(empty), list, path: "l", location: nil).isEmpty)
    }

    @Test func nestedRecordCaptureTakesTheOnlyBytesField() {
        var matcher = PatternMatcher(variables: VariableStore())
        let cookie = self.record("state-cookie", [("cookie", .bytes([9, 9]))])
        let parameters = FieldValue.list([.record(self.record("ecn-capable", [])), .record(cookie)])
        let pattern = FieldPattern.list(
            ListPattern(
                elements: [
                    LocatedPattern(
                        .record(RecordPattern(kind: "state-cookie", capture: "c")),
                        at: FileLocation(file: "t", line: 1, column: 1))
                ], exact: false))
        #expect(matcher.match(pattern, parameters, path: "init-ack.parameters", location: nil).isEmpty)
        #expect(matcher.variables["c"] == .bytes([9, 9]))
        #expect(
            PatternMatcher.captureValue(of: self.record("x", [("a", .unsigned(1))]))
                == .record(self.record("x", [("a", .unsigned(1))])))
    }

    @Test func mismatchDescriptionsResolveVariables() throws {
        var matcher = PatternMatcher(variables: VariableStore(["our_mis": .unsigned(10)]))
        let mismatch = try #require(
            matcher.match(
                .comparison(.lessOrEqual, .variable("our_mis")), .unsigned(20), path: "init-ack.outbound_streams",
                location: nil
            ).first)
        #expect(mismatch.description == "init-ack.outbound_streams: expected <= $our_mis ($our_mis = 10), observed 20")
        let tag = try #require(
            matcher.match(.comparison(.equal, .literal(0xDEAD_BEEF)), .unsigned(1), path: "t", location: nil).first)
        #expect(tag.expected == "0xdeadbeef")
    }
}

@Suite struct PatternSyntaxTests {
    private func pattern(_ text: String) throws -> FieldPattern {
        let scenario = try LoaderTestSupport.load(
            LoaderTestSupport.scenario(steps: "  - expect: {sack: {a_rwnd: '\(text)'}}"))
        guard case .expect(let expectation) = scenario.steps[0].action,
            let field = expectation.chunks[0].record.fields.first
        else {
            throw LoadFailed()
        }
        return field.pattern
    }

    struct LoadFailed: Error {}

    @Test func forms() throws {
        #expect(try self.pattern("5000") == .comparison(.equal, .literal(5000)))
        #expect(try self.pattern("0xdeadbeef") == .comparison(.equal, .literal(0xDEAD_BEEF)))
        #expect(try self.pattern("any") == .any)
        #expect(try self.pattern("_") == .any)
        #expect(try self.pattern("*") == .any)
        #expect(try self.pattern("1..65535") == .range(lower: .literal(1), upper: .literal(65535)))
        #expect(try self.pattern("..10") == .range(lower: nil, upper: .literal(10)))
        #expect(try self.pattern(">= 1") == .comparison(.greaterOrEqual, .literal(1)))
        #expect(try self.pattern("<$our_mis") == .comparison(.less, .variable("our_mis")))
        #expect(
            try self.pattern("$our_tsn + 1 - 2")
                == .comparison(.equal, .difference(.sum(.variable("our_tsn"), .literal(1)), .literal(2))))
        #expect(try self.pattern("-> x") == .capture(name: "x", pattern: .any))
        #expect(try self.pattern("!= 0 -> $x") == .capture(name: "x", pattern: .comparison(.notEqual, .literal(0))))
        #expect(try self.pattern("1_000") == .comparison(.equal, .literal(1000)))
    }

    @Test func literalTooWideForTheFieldIsAnError() {
        let errors = LoaderTestSupport.errors(
            LoaderTestSupport.scenario(steps: "  - expect: {data: {stream_id: 70000}}"))
        #expect(errors.map(\.kind) == [.invalidValue])
    }

    @Test func durations() {
        #expect(ScenarioDuration(parsing: "200ms") == .milliseconds(200))
        #expect(ScenarioDuration(parsing: "1.5s") == .milliseconds(1500))
        #expect(ScenarioDuration(parsing: "2m") == .seconds(120))
        #expect(ScenarioDuration(parsing: "30us")?.nanoseconds == 30_000)
        #expect(ScenarioDuration(parsing: "250") == .milliseconds(250))
        #expect(ScenarioDuration(parsing: "-1s") == nil)
        #expect(ScenarioDuration(parsing: "soon") == nil)
        #expect(ScenarioDuration(parsing: "1e400s") == nil)
        #expect(ScenarioDuration.milliseconds(1500).description == "1500ms")
        let errors = LoaderTestSupport.errors(LoaderTestSupport.scenario(steps: "  - wait: 25h"))
        #expect(errors.map(\.kind) == [.invalidValue])
    }

    @Test func suggestions() {
        #expect(NameSuggestion.closest(to: "whithin", among: ["within", "after"]) == "within")
        #expect(NameSuggestion.closest(to: "snd", among: ["send", "expect"]) == "send")
        #expect(NameSuggestion.closest(to: "xyzzy", among: ["send", "expect"]) == nil)
        #expect(NameSuggestion.closest(to: "cookie-ehco", among: ["cookie-echo", "cookie-ack"]) == "cookie-echo")
    }
}
