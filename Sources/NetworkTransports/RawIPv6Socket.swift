import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A raw IPv6 socket for SCTP (protocol 132), non-blocking and close-on-exec, bound to an address
/// of the harness (or the wildcard), in the namespace of the calling thread. On receive it delivers
/// the SCTP packet without the IPv6 header (RFC 3542 §3).
enum RawIPv6Socket {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func open(bindingTo local: IPAddressText?) throws -> Int32 {
        #if canImport(Glibc)
        let type = Int32(SOCK_RAW.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
        #else
        let type = SOCK_RAW
        #endif
        let fd = socket(AF_INET6, type, 132)
        guard fd >= 0 else { throw Failure(description: "socket(AF_INET6, SOCK_RAW, 132): \(Self.lastError)") }
        var address = sockaddr_in6()
        address.sin6_family = sa_family_t(AF_INET6)
        if let text = local?.description {
            guard inet_pton(AF_INET6, text, &address.sin6_addr) == 1 else {
                close(fd)
                throw Failure(description: "\(text) is not an IPv6 address")
            }
        }
        let bound = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in6>.size))
            }
        }
        guard bound == 0 else {
            let error = Self.lastError
            close(fd)
            throw Failure(description: "bind to \(local?.description ?? "::"): \(error)")
        }
        return fd
    }

    private static var lastError: String { String(cString: strerror(errno)) }
}

/// Anything that prints as an address (`IPAddress`).
typealias IPAddressText = CustomStringConvertible
