#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Why a path cannot be read as a scenario file, said plainly: missing, a loop of symbolic links, a
/// folder, or something that is not a regular file (a FIFO would block the reader forever).
enum ScenarioFileCheck {
    /// nil when `path` is a regular file (after following links), else the reason.
    static func problem(at path: String) -> String? {
        var status = stat()
        guard stat(path, &status) == 0 else {
            switch errno {
            case ENOENT:
                var linkStatus = stat()
                return lstat(path, &linkStatus) == 0 ? "a symbolic link to a file that does not exist" : "no such file"
            case ELOOP: return "a loop of symbolic links (following them never reaches a file)"
            case EACCES: return "permission denied"
            default: return "cannot read: \(String(cString: strerror(errno)))"
            }
        }
        switch status.st_mode & S_IFMT {
        case S_IFREG: return nil
        case S_IFDIR: return "a folder, not a scenario file"
        case S_IFIFO: return "a FIFO (named pipe), not a scenario file"
        case S_IFSOCK: return "a socket, not a scenario file"
        case S_IFCHR, S_IFBLK: return "a device, not a scenario file"
        default: return "not a regular file"
        }
    }

    /// Whether something is at `path` even though it cannot be followed (a dangling link or a loop),
    /// so it is reported with its reason rather than as missing.
    static func existsUnfollowed(_ path: String) -> Bool {
        var status = stat()
        return lstat(path, &status) == 0
    }
}
