import Foundation
import SCTPWire
import Scenario
import Testing

@Suite struct LoaderValidFilesTests {
    @Test func everyShippedScenarioLoads() throws {
        let (files, missing) = ScenarioLoader.scenarioFiles(in: [LoaderTestSupport.scenariosDirectory])
        #expect(missing.isEmpty)
        #expect(files.count >= 15)
        var ids = Set<String>()
        for file in files {
            let scenario = try ScenarioLoader().load(path: file)
            #expect(!scenario.steps.isEmpty, "\(file)")
            #expect(!scenario.rfc.isEmpty, "\(file) cites no RFC section")
            #expect(ids.insert(scenario.id).inserted, "duplicate id \(scenario.id)")
            #expect(file.hasSuffix("/\(scenario.id).yaml"), "\(file): id \(scenario.id) differs from the file name")
        }
    }

    @Test func headerDefaultsAndValues() throws {
        let scenario = try LoaderTestSupport.load(
            """
            id: header-test
            title: Header
            rfc: "RFC 9260 §5.1"
            etsi: [sctp-as-v-1-1-2]
            sut: {role: client, port: 36412}
            requires: [virtual-time]
            options: {rto_initial: 1.5s, outbound_streams: 4, nodelay: true, cookie_life: 500}
            ignore: []
            defaults: {within: 250ms, quiet: 2s}
            notes: free text
            steps:
              - app: connect
            """)
        #expect(scenario.id == "header-test")
        #expect(scenario.rfc == ["RFC 9260 §5.1"])
        #expect(scenario.etsi == ["sctp-as-v-1-1-2"])
        #expect(scenario.role == .client)
        #expect(scenario.sutPort == 36412)
        #expect(scenario.peerPort == 5000)
        #expect(scenario.requires == ["virtual-time"])
        #expect(
            scenario.options == [
                .rtoInitial(milliseconds: 1500), .outboundStreams(4), .noDelay(true), .cookieLife(milliseconds: 500),
            ])
        #expect(scenario.ignore.isEmpty)
        #expect(scenario.defaultWithin == .milliseconds(250))
        #expect(scenario.quietPeriod == .seconds(2))
        #expect(scenario.notes == "free text")
        #expect(scenario.steps.map(\.action) == [.application(.perform(.connect, expectFailure: false))])
    }

    @Test func defaultsWhenLeftOut() throws {
        let scenario = try LoaderTestSupport.load(LoaderTestSupport.scenario(steps: "  - app: listen"))
        #expect(scenario.sutPort == 5001)
        #expect(scenario.peerPort == 5000)
        #expect(scenario.ignore == ["heartbeat"])
        #expect(scenario.defaultWithin == .seconds(1))
        #expect(scenario.quietPeriod == .seconds(1))
    }

    @Test func sendTemplates() throws {
        let scenario = try LoaderTestSupport.load(
            LoaderTestSupport.scenario(
                steps: """
                      - send: cookie-echo
                      - send: [cookie-echo, {data: {stream_id: 3, user_data: "hi", unordered: true, length: 99}}]
                        verification_tag: 0xdeadbeef
                        checksum: bad
                      - send: {chunk: {type: 0x4f, flags: 1, value: "0a 0b"}}
                        checksum: 0x12345678
                      - send: {init: {initiate_tag: $our_tag + 1, params: [{ipv4-address: {address: "198.18.0.1"}}]}}
                        checksum: zero
                      - send: {cookie-echo: {cookie: {from: $cookie, flip: -2}}}
                    """))
        let actions = scenario.steps.map(\.action)
        guard case .send(let bare) = actions[0], case .send(let bundle) = actions[1], case .send(let raw) = actions[2],
            case .send(let initiation) = actions[3], case .send(let flipped) = actions[4]
        else {
            Issue.record("expected five sends, got \(actions)")
            return
        }
        #expect(bare.chunks.map(\.kind) == ["cookie-echo"])
        #expect(bare.checksum == .correct && bare.verificationTag == nil)
        #expect(bundle.chunks.map(\.kind) == ["cookie-echo", "data"])
        #expect(bundle.verificationTag == .literal(0xDEAD_BEEF))
        #expect(bundle.checksum == .bad)
        #expect(bundle.chunks[1].length == .literal(99))
        guard case .typed(_, let fields) = bundle.chunks[1].body else {
            Issue.record("data should be typed")
            return
        }
        #expect(fields.map(\.name) == ["stream_id", "user_data", "unordered"])
        #expect(fields.map(\.value) == [.expression(.literal(3)), .bytes(Array("hi".utf8)), .flag(true)])
        #expect(raw.chunks[0].body == .raw(type: .literal(0x4F), flags: .literal(1), value: [0x0A, 0x0B]))
        #expect(raw.checksum == .value(.literal(0x1234_5678)))
        #expect(initiation.checksum == .zero)
        guard case .typed(_, let initFields) = initiation.chunks[0].body else { return }
        #expect(initFields[0].value == .expression(.sum(.variable("our_tag"), .literal(1))))
        #expect(initFields[1].name == "parameters")
        guard case .list(let parameters) = initFields[1].value, case .record(let kind, let nested)? = parameters.first
        else {
            Issue.record("parameters should be a list of records: \(initFields[1].value)")
            return
        }
        #expect(kind == "ipv4-address")
        #expect(nested.map(\.name) == ["address"])
        #expect(nested.map(\.value) == [.text("198.18.0.1")])
        guard case .typed(_, let cookieFields) = flipped.chunks[0].body else { return }
        #expect(cookieFields[0].value == .flipped(.variable("cookie"), flipping: -2))
    }

    @Test func expectationsAndTiming() throws {
        let scenario = try LoaderTestSupport.load(
            LoaderTestSupport.scenario(
                steps: """
                      - expect: cookie-ack
                      - expect: [sack, data]
                        within: 200ms
                      - expect: {any_order: [sack, data]}
                        after: 1s
                      - expect: {any_order: [sack, data], across_packets: true}
                      - expect: {contains: [sack]}
                        verification_tag: $our_tag
                        checksum: any
                      - expect: nothing
                        within: 3s
                      - wait: 65s
                      - expect: {chunk: {type: 0x4f, flags: any, length: 8, value: 0x0a0b}}
                    """))
        let steps = scenario.steps
        func expectation(_ index: Int) -> PacketExpectation? {
            if case .expect(let expectation) = steps[index].action { return expectation }
            return nil
        }
        #expect(expectation(0)?.arrangement == .inOrder)
        #expect(expectation(1)?.chunks.map(\.record.kind) == ["sack", "data"])
        #expect(steps[1].within == .milliseconds(200))
        #expect(expectation(2)?.arrangement == .anyOrder)
        #expect(steps[2].after == .seconds(1))
        #expect(expectation(3)?.arrangement == .anyOrderAcrossPackets)
        #expect(expectation(4)?.arrangement == .contains)
        #expect(expectation(4)?.verificationTag?.pattern == .comparison(.equal, .variable("our_tag")))
        #expect(expectation(4)?.checksum == .any)
        #expect(steps[5].action == .expectNothing)
        #expect(steps[5].within == .seconds(3))
        #expect(steps[6].action == .wait(.seconds(65)))
        let raw = expectation(7)?.chunks.first
        #expect(raw?.record.kind == "chunk")
        #expect(raw?.flags?.pattern == .any)
        #expect(raw?.length?.pattern == .comparison(.equal, .literal(8)))
        #expect(raw?.record.fields.map(\.pattern) == [.comparison(.equal, .literal(0x4F)), .bytes([0x0A, 0x0B])])
    }

    @Test func patternsAndCaptures() throws {
        let scenario = try LoaderTestSupport.load(
            LoaderTestSupport.scenario(
                steps: """
                      - expect:
                          init-ack:
                            initiate_tag: "!= 0 -> peer_tag"
                            a_rwnd: 1..
                            outbound_streams: "<= $our_mis"
                            inbound_streams: {capture: mis, match: 1..65535}
                            initial_tsn: -> tsn
                            parameters: [{state-cookie: {capture: cookie_bytes}}]
                      - expect: {data: {tsn: $tsn + 1, user_data: "hello", unordered: false}}
                      - expect: {sack: {gap_blocks: {items: [{start: 2, end: 3}], exact: true}, duplicate_tsns: []}}
                      - send: {cookie-echo: {cookie: $cookie_bytes}}
                    """))
        guard case .expect(let initAck) = scenario.steps[0].action else { return }
        let fields = initAck.chunks[0].record.fields
        #expect(
            fields.map(\.name) == [
                "initiate_tag", "a_rwnd", "outbound_streams", "inbound_streams", "initial_tsn", "parameters",
            ])
        #expect(fields[0].pattern == .capture(name: "peer_tag", pattern: .comparison(.notEqual, .literal(0))))
        #expect(fields[1].pattern == .range(lower: .literal(1), upper: nil))
        #expect(fields[2].pattern == .comparison(.lessOrEqual, .variable("our_mis")))
        #expect(fields[3].pattern == .capture(name: "mis", pattern: .range(lower: .literal(1), upper: .literal(65535))))
        #expect(fields[4].pattern == .capture(name: "tsn", pattern: .any))
        guard case .list(let parameters) = fields[5].pattern else {
            Issue.record("parameters should be a list pattern")
            return
        }
        #expect(!parameters.exact)
        #expect(
            parameters.elements.map(\.pattern) == [
                .record(RecordPattern(kind: "state-cookie", capture: "cookie_bytes"))
            ])
        guard case .expect(let data) = scenario.steps[1].action else { return }
        #expect(
            data.chunks[0].record.fields.map(\.pattern) == [
                .comparison(.equal, .sum(.variable("tsn"), .literal(1))), .bytes(Array("hello".utf8)), .flag(false),
            ])
        guard case .expect(let sack) = scenario.steps[2].action else { return }
        guard case .list(let gaps) = sack.chunks[0].record.fields[0].pattern,
            case .list(let duplicates) = sack.chunks[0].record.fields[1].pattern
        else { return }
        #expect(gaps.exact && gaps.elements.count == 1)
        #expect(duplicates.exact && duplicates.elements.isEmpty)
    }

    /// A field that is a record or bytes (the parameter an Unrecognized Parameter reports) takes a
    /// record, or bytes in any of their forms, `{hex: ...}` included.
    @Test func eitherRecordOrBytesFields() throws {
        let scenario = try LoaderTestSupport.load(
            LoaderTestSupport.scenario(
                steps: """
                      - expect: {init-ack: {parameters: [{unrecognized-parameter: {parameter: {hex: "c123 0005 01"}}}]}}
                      - expect: {init-ack: {parameters: [{unrecognized-parameter: {parameter: 0xc123000501}}]}}
                      - expect: {init-ack: {parameters: [{unrecognized-parameter: {parameter: {ecn-capable: {}}}}]}}
                    """))
        func reported(_ step: Int) -> FieldPattern? {
            guard case .expect(let expectation) = scenario.steps[step].action,
                case .list(let list) = expectation.chunks[0].record.fields[0].pattern,
                case .record(let parameter) = list.elements.first?.pattern
            else { return nil }
            return parameter.fields.first?.pattern
        }
        #expect(reported(0) == .bytes([0xC1, 0x23, 0x00, 0x05, 0x01]))
        #expect(reported(1) == .bytes([0xC1, 0x23, 0x00, 0x05, 0x01]))
        guard case .record(let record) = reported(2) else {
            Issue.record("a parameter record should stay a record: \(String(describing: reported(2)))")
            return
        }
        #expect(record.kind == "ecn-capable")
    }

    @Test func applicationSteps() throws {
        let scenario = try LoaderTestSupport.load(
            LoaderTestSupport.scenario(
                steps: """
                      - app: listen
                      - app: {send: {stream: 2, ppid: 46, data: 0x0102, unordered: true}}
                      - app: {send: "plain"}
                        result: error
                      - app: {abort: "bye"}
                      - app: {set: {rto_min: 200ms, heartbeat_interval: 0, max_init_attempts: 3}}
                      - app: {receive: {stream: 0, data: "hello"}}
                        within: 2s
                      - app: {event: COMM-UP}
                      - app: {event: {shutdown_comp: {outbound_streams: 10}}}
                      - app: shutdown
                    """))
        let actions = scenario.steps.map(\.action)
        #expect(actions[0] == .application(.perform(.listen, expectFailure: false)))
        #expect(
            actions[1]
                == .application(
                    .perform(.send(stream: 2, ppid: 46, payload: [1, 2], unordered: true), expectFailure: false)))
        #expect(
            actions[2]
                == .application(
                    .perform(
                        .send(stream: 0, ppid: 0, payload: Array("plain".utf8), unordered: false), expectFailure: true))
        )
        #expect(actions[3] == .application(.perform(.abort(reason: Array("bye".utf8)), expectFailure: false)))
        #expect(
            actions[4]
                == .application(
                    .perform(
                        .setOptions([
                            .rtoMin(milliseconds: 200), .heartbeatInterval(milliseconds: 0), .maxInitAttempts(3),
                        ]), expectFailure: false)))
        guard case .application(.expectEvent(let message)) = actions[5] else { return }
        #expect(message.kind == "message")
        #expect(message.fields.map(\.name) == ["stream", "data"])
        #expect(scenario.steps[5].within == .seconds(2))
        guard case .application(.expectEvent(let commUp)) = actions[6] else { return }
        #expect(commUp.kind == "comm_up")
        guard case .application(.expectEvent(let complete)) = actions[7] else { return }
        #expect(complete.kind == "shutdown_comp" && complete.fields.count == 1)
    }

    @Test func folderDiscoveryIsRecursiveAndSorted() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent(
            "sctpconform-discovery-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(
            at: root.appendingPathComponent("sub"), withIntermediateDirectories: true)
        for name in ["b.yaml", "a.yaml", "sub/c.yml", "notes.txt"] {
            try Data("x".utf8).write(to: root.appendingPathComponent(name))
        }
        let (files, missing) = ScenarioLoader.scenarioFiles(in: [root.path, root.path + "/absent.yaml"])
        #expect(files == ["a.yaml", "b.yaml", "sub/c.yml"].map { root.path + "/" + $0 })
        #expect(missing == [root.path + "/absent.yaml"])
    }

    @Test func testPurposeIndexMatchesTheReference() throws {
        // shared/ stands beside the repository (as on the developers' machines and in CI).
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let path = repository.deletingLastPathComponent()
            .appendingPathComponent("shared/reference/etsi-ts-102-369-index.tsv").path
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return }
        let ids = text.split(separator: "\n").dropFirst().compactMap { line -> String? in
            let columns = line.split(separator: "\t")
            return columns.count >= 2 ? String(columns[1]) : nil
        }
        #expect(ids == ETSITestPurposes.all.map(\.id))
    }
}
