import NetworkLayers
import NetworkTransports
import Testing

/// The harness's address toward a peer, as the kernel's route gives it (`RouteSource`), which a remote
/// run shows in its reports when no `--local-address` is given.
@Suite struct RouteSourceTests {
    @Test func loopbackIsReachedFromLoopback() throws {
        let v4 = try #require(IPAddress("127.0.0.1"))
        #expect(RouteSource.address(toward: v4) == v4)
        let v6 = try #require(IPAddress("::1"))
        // IPv6 may be off in a container; when it answers, it is from ::1.
        if let found = RouteSource.address(toward: v6) { #expect(found == v6) }
    }
}
