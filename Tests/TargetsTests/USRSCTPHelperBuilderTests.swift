import Foundation
@testable import Targets
import Testing

/// Finding the toolchain, explaining what is missing, and a build cache that parallel builders
/// cannot corrupt.
@Suite struct USRSCTPHelperBuilderTests {
    private var environment: [String: String] { ProcessInfo.processInfo.environment }

    /// A fresh directory of its own (mkdtemp), so parallel runs never share a cache.
    private func temporaryDirectory() throws -> String {
        var template = Array((NSTemporaryDirectory() + "sctpconform-builder-test-XXXXXX").utf8CString)
        guard let created = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw CocoaError(.fileWriteUnknown)
        }
        return String(cString: created)
    }

    @Test func findsTheInstalledToolchain() throws {
        let toolchain = try USRSCTPHelperBuilder.locateToolchain().get()
        #expect(toolchain.library.hasSuffix("libusrsctp.a"))
        #expect(toolchain.source.hasSuffix("sctpconform-usrsctp.c"))
        #expect(FileManager.default.isExecutableFile(atPath: toolchain.compiler))
    }

    @Test func missingLibraryIsUnavailableWithTheInstallHint() {
        var environment = self.environment
        environment["SCTPCONFORM_USRSCTP_LIBRARY"] = "/nonexistent/libusrsctp.a"
        guard case .failure(.unavailable(let reason, let hint)) = USRSCTPHelperBuilder.locateToolchain(
            environment: environment)
        else {
            Issue.record("a missing library must make the target unavailable")
            return
        }
        #expect(reason.contains("/nonexistent/libusrsctp.a"))
        #expect(hint.contains("apt-get install libusrsctp-dev"))
    }

    @Test func missingCompilerIsUnavailable() {
        var environment = self.environment
        environment["CC"] = "/nonexistent/cc"
        guard case .failure(.unavailable(let reason, _)) = USRSCTPHelperBuilder.locateToolchain(
            environment: environment)
        else {
            Issue.record("a missing compiler must make the target unavailable")
            return
        }
        #expect(reason.contains("no C compiler"))
    }

    @Test func cacheKeyFollowsSourceAndToolchain() throws {
        let toolchain = try USRSCTPHelperBuilder.locateToolchain().get()
        let source = Array("int main(void) { return 0; }".utf8)
        let key = USRSCTPHelperBuilder.cacheKey(toolchain: toolchain, source: source)
        #expect(key == USRSCTPHelperBuilder.cacheKey(toolchain: toolchain, source: source))
        #expect(key != USRSCTPHelperBuilder.cacheKey(toolchain: toolchain, source: source + [0x0a]))
        var other = toolchain
        other.compiler = "/usr/bin/other-cc"
        #expect(key != USRSCTPHelperBuilder.cacheKey(toolchain: other, source: source))
    }

    @Test func cacheRootFollowsTheEnvironment() {
        #expect(USRSCTPHelperBuilder.cacheRoot(environment: ["SCTPCONFORM_CACHE_DIR": "/a"]) == "/a")
        #expect(USRSCTPHelperBuilder.cacheRoot(environment: ["XDG_CACHE_HOME": "/x", "HOME": "/h"]) == "/x/sctpconform")
        #expect(USRSCTPHelperBuilder.cacheRoot(environment: ["HOME": "/h"]) == "/h/.cache/sctpconform")
    }

    @Test func concurrentBuildersShareOneIntactBinary() throws {
        let root = try self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        var overridden = self.environment
        overridden["SCTPCONFORM_CACHE_DIR"] = root
        let environment = overridden
        let toolchain = try USRSCTPHelperBuilder.locateToolchain(environment: environment).get()
        let key: UInt64 = 0x5C7C_0001
        let results = ResultBox()
        // Bypasses the in-process memo on purpose: three builders race for the same cache entry,
        // as separate test processes would.
        DispatchQueue.concurrentPerform(iterations: 3) { _ in
            do throws(TargetError) {
                results.append(.success(try USRSCTPHelperBuilder.build(toolchain: toolchain, key: key,
                                                                       environment: environment)))
            } catch {
                results.append(.failure(error))
            }
        }
        let paths = try results.values.map { try $0.get() }
        #expect(paths.count == 3 && Set(paths).count == 1)
        let path = try #require(paths.first)
        #expect(FileManager.default.isExecutableFile(atPath: path))
        let directory = (path as NSString).deletingLastPathComponent
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty)
        // The cached binary is a working helper.
        let target = try USRSCTPTarget(
            configuration: TargetConfiguration(seed: 3, localPort: 1, peerPort: 2),
            options: USRSCTPTarget.Options(environment: environment))
        #expect(try target.perform(.connect, at: .zero) == .ok)
        #expect(try target.transport.receive(until: .zero).count == 1)
    }
}

extension USRSCTPHelperBuilderTests {
    /// A cache of its own with a built helper in it; returns the environment and the helper's path.
    private func builtCache() throws -> (root: String, environment: [String: String], helper: String) {
        let root = try self.temporaryDirectory()
        var environment = self.environment
        environment["SCTPCONFORM_CACHE_DIR"] = root
        let helper = try USRSCTPHelperBuilder.helperExecutable(environment: environment)
        #expect(helper.hasPrefix(root))
        return (root, environment, helper)
    }

    private func works(_ environment: [String: String]) throws {
        let target = try USRSCTPTarget(
            configuration: TargetConfiguration(seed: 3, localPort: 1, peerPort: 2),
            options: USRSCTPTarget.Options(environment: environment))
        #expect(try target.perform(.connect, at: .zero) == .ok)
        #expect(try target.transport.receive(until: .zero).count == 1)
    }

    /// Issue 11 item 9: a cached helper overwritten with garbage no longer matches the hash beside it
    /// and is rebuilt, instead of failing every later run with "Exec format error".
    @Test func damagedCachedHelperIsRebuilt() throws {
        let (root, environment, helper) = try self.builtCache()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let garbage = Data(repeating: 0x5a, count: 4_096)
        try garbage.write(to: URL(fileURLWithPath: helper))
        #expect(USRSCTPHelperBuilder.matchesStoredHash(helper) == false)
        try self.works(environment)
        #expect(FileManager.default.contents(atPath: helper) != garbage)
        #expect(USRSCTPHelperBuilder.matchesStoredHash(helper))
    }

    /// A cached helper that matches its hash but does not start (both rewritten) is discarded and
    /// rebuilt on the first failure to start.
    @Test func cachedHelperThatDoesNotStartIsRebuilt() throws {
        let (root, environment, helper) = try self.builtCache()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let garbage = Data(repeating: 0x5a, count: 4_096)
        try garbage.write(to: URL(fileURLWithPath: helper))
        let hash = try #require(USRSCTPHelperBuilder.contentHash(helper))
        try Data(hash.utf8).write(to: URL(fileURLWithPath: USRSCTPHelperBuilder.hashPath(helper)))
        #expect(USRSCTPHelperBuilder.matchesStoredHash(helper))
        try self.works(environment)
        #expect(FileManager.default.contents(atPath: helper) != garbage)
    }
}

private final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [Result<String, TargetError>] = []

    func append(_ value: Result<String, TargetError>) {
        self.lock.lock()
        self.stored.append(value)
        self.lock.unlock()
    }

    var values: [Result<String, TargetError>] {
        self.lock.lock()
        defer { self.lock.unlock() }
        return self.stored
    }
}
