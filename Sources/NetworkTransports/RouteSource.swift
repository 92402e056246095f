import Foundation
import NIOCore
import NetworkLayers

#if canImport(Glibc)
import Glibc
#endif

/// The address the kernel sends from toward a destination (its route's preferred source), found as
/// `ip route get` finds it: a UDP socket connected to the destination (which sends nothing) says
/// which local address it was bound to. Used when a remote peer is reached "from the address the
/// kernel chooses", so that reports and captures show the address the packets really came from.
public enum RouteSource {
    /// The source address toward `destination`, looked up in the namespace at `namespacePath` (nil:
    /// this one); nil when there is no route.
    public static func address(toward destination: IPAddress, namespacePath: String? = nil) -> IPAddress? {
        let text = destination.description
        let found = try? NamespaceThread.run(in: namespacePath) { () -> String? in
            Self.lookUp(text, version: destination.version)
        }
        return (found ?? nil).flatMap(IPAddress.init)
    }

    private static func lookUp(_ destination: String, version: Int) -> String? {
        let family = version == 6 ? AF_INET6 : AF_INET
        #if canImport(Glibc)
        let descriptor = socket(family, Int32(SOCK_DGRAM.rawValue), 0)
        #else
        let descriptor = socket(family, SOCK_DGRAM, 0)
        #endif
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        guard let address = try? SocketAddress(ipAddress: destination, port: 9) else { return nil }
        let connected = address.withSockAddr { pointer, size in connect(descriptor, pointer, socklen_t(size)) }
        guard connected == 0 else { return nil }
        var local = sockaddr_storage()
        var localLength = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let named = withUnsafeMutablePointer(to: &local) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &localLength) }
        }
        guard named == 0 else { return nil }
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN) + 1)
        let printed: UnsafePointer<CChar>? = withUnsafePointer(to: &local) { pointer in
            if version == 6 {
                return pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { address in
                    var raw = address.pointee.sin6_addr
                    return inet_ntop(AF_INET6, &raw, &buffer, socklen_t(buffer.count))
                }
            }
            return pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { address in
                var raw = address.pointee.sin_addr
                return inet_ntop(AF_INET, &raw, &buffer, socklen_t(buffer.count))
            }
        }
        guard printed != nil else { return nil }
        return String(cString: buffer)
    }
}
