#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An I/O failure, phrased for a one-line `PROGRAM: message` report.
public struct IOFailure: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

func errnoText() -> String { String(cString: strerror(errno)) }

/// Creates the folder `path` and any missing parents, as `mkdir -p` does, for programs that write
/// many files into one; a file in the way is named plainly rather than as Foundation's error dump.
public func makeOutputFolder(_ path: String) throws {
    var prefix = path.hasPrefix("/") ? "/" : ""
    for component in path.split(separator: "/") {
        prefix += component
        if mkdir(prefix, 0o755) != 0 {
            guard errno == EEXIST else { throw IOFailure("\(prefix): \(errnoText())") }
            var info = stat()
            guard stat(prefix, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else {
                throw IOFailure("\(prefix): exists and is not a folder")
            }
        }
        prefix += "/"
    }
}

/// Buffered reading from a file or standard input ("-").
public final class InputFile {
    /// The name used in messages: the path, or "stdin".
    public let name: String
    private let fd: Int32
    private let ownsDescriptor: Bool
    /// The file being read, while it is open, so that no output of this run replaces it.
    private let identity: OpenFiles.Identity?
    private var buffer: [UInt8]
    private var start = 0
    private var end = 0
    /// Bytes handed out so far, for error messages that point into the stream.
    public private(set) var offset: Int = 0

    /// `name` stands for `path` in messages (for a temporary copy of stdin, say).
    public init(path: String, name: String? = nil, bufferSize: Int = 1 << 20) throws {
        if path == "-" {
            self.name = "stdin"
            fd = STDIN_FILENO
            ownsDescriptor = false
            // `score - -o r.vt < r.vt`: a file redirected to stdin is as much an input as a named one.
            var info = stat()
            identity = fstat(fd, &info) == 0 ? OpenFiles.Identity(info) : nil
            if let identity { try OpenFiles.startReading(identity, name: self.name) }
        } else {
            self.name = name ?? path
            fd = open(path, O_RDONLY)
            guard fd >= 0 else { throw IOFailure("\(self.name): \(errnoText())") }
            var info = stat()
            if fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
                close(fd)
                throw IOFailure("\(self.name): is a directory")
            }
            identity = OpenFiles.Identity(info)
            if let identity {
                do { try OpenFiles.startReading(identity, name: self.name) } catch { close(fd); throw error }
            }
            ownsDescriptor = true
        }
        buffer = [UInt8](repeating: 0, count: bufferSize)
    }

    deinit {
        if ownsDescriptor { close(fd) }
        identity.map(OpenFiles.stopReading)
    }

    /// Refills the buffer; false at end of input.
    private func fill() throws -> Bool {
        start = 0
        end = 0
        while true {
            let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw IOFailure("\(name): \(errnoText())")
            }
            end = n
            return n > 0
        }
    }

    /// Everything left, for small text inputs such as score tables.
    public func readToEnd() throws -> [UInt8] { try read(upTo: Int.max) }

    /// Reads up to `count` bytes; fewer only at end of input.
    public func read(upTo count: Int) throws -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(min(count, buffer.count))
        while out.count < count {
            if start == end, try !fill() { break }
            let take = min(count - out.count, end - start)
            out.append(contentsOf: buffer[start..<(start + take)])
            start += take
        }
        offset += out.count
        return out
    }
}

/// Buffered writing to standard output, or to a file that appears only when complete: bytes go to a
/// temporary name beside the target, and `commit` flushes, syncs and renames it into place. An
/// output never committed (an error, a crash) leaves the target untouched. A target that is not a
/// file (`/dev/null`, a FIFO, `/dev/stdout`, a shell's `>(...)`) is written in place, as `>` would:
/// renaming over it would replace the device or pipe with a file. A symbolic link is followed, so the
/// file it names is replaced and the link kept (a dangling link is replaced by the file).
public final class OutputFile {
    public let name: String
    private let fd: Int32
    /// Whether `fd` was opened here (a file's temporary, or a device written in place).
    private let ownsDescriptor: Bool
    private let finalPath: String?
    private let temporaryPath: String?
    private var buffer: [UInt8] = []
    private let bufferLimit = 1 << 20
    private var committed = false
    private var synced = false
    /// Where PendingFiles remembers the temporary file, for removal on a signal.
    private var pendingSlot: Int?
    /// The existing file the temporary will replace, until it has.
    private var replaced: OpenFiles.Identity?

    private init(name: String, fd: Int32, ownsDescriptor: Bool, finalPath: String? = nil,
                 temporary: (path: String, slot: Int?)? = nil, replaced: OpenFiles.Identity? = nil) {
        self.name = name
        self.fd = fd
        self.ownsDescriptor = ownsDescriptor
        self.finalPath = finalPath
        temporaryPath = temporary?.path
        pendingSlot = temporary?.slot
        self.replaced = replaced
        buffer.reserveCapacity(bufferLimit)
    }

    /// `path` "-" means standard output.
    public convenience init(path: String) throws {
        if path == "-" {
            self.init(name: "stdout", fd: STDOUT_FILENO, ownsDescriptor: false)
            return
        }
        let existing = try Self.standing(at: path)
        if let descriptor = Self.descriptorNamed(path) {
            // A copy of the descriptor, not a reopening: `>> log` keeps appending, and nothing written
            // to it before is truncated.
            let fd = dup(descriptor)
            guard fd >= 0 else { throw IOFailure("\(path): \(errnoText())") }
            self.init(name: path, fd: fd, ownsDescriptor: true)
        } else if let existing, (existing.st_mode & S_IFMT) != S_IFREG {
            // A device or a FIFO.
            let fd = open(path, O_WRONLY)
            guard fd >= 0 else { throw IOFailure("\(path): \(errnoText())") }
            self.init(name: path, fd: fd, ownsDescriptor: true)
        } else {
            let target = Self.followingLinks(path)
            let replaced = existing.flatMap(OpenFiles.Identity.init)
            if let replaced { try OpenFiles.startReplacing(replaced, name: path) }
            let (directory, base) = Self.folderAndName(target)
            guard let temporary = PendingFiles.createTemporary(directory: directory, base: base) else {
                replaced.map(OpenFiles.stopReplacing)
                let besides = target == path ? "it" : "\(target), where it links"
                throw IOFailure("\(path): cannot create a temporary file beside \(besides): \(errnoText())")
            }
            self.init(name: path, fd: temporary.descriptor, ownsDescriptor: true, finalPath: target,
                      temporary: (temporary.path, temporary.slot), replaced: replaced)
        }
    }

    /// A scratch file that is never committed: a temporary `DIRECTORY/.BASE.tmp-XXXXXX`, removed when
    /// this goes or a signal ends the run, after the scratch files killed runs left under the same
    /// base. Nothing at DIRECTORY/BASE itself is looked at, so nobody can plant a link or a FIFO there.
    public convenience init(scratchIn directory: String, base: String) throws {
        guard let temporary = PendingFiles.createTemporary(directory: directory, base: base) else {
            throw IOFailure("\(directory): cannot create a scratch file: \(errnoText())")
        }
        self.init(name: "\(directory)/\(base)", fd: temporary.descriptor, ownsDescriptor: true,
                  temporary: (temporary.path, temporary.slot))
    }

    /// Whether a target is a stream, written in place one output after another: a descriptor's
    /// name, a FIFO or a socket. (A device is written in place too, but keeps nothing.)
    public static func isStream(_ path: String) -> Bool {
        descriptorNamed(path) != nil || [S_IFIFO, S_IFSOCK].contains(kind(path))
    }

    public static func isDevice(_ path: String) -> Bool { [S_IFCHR, S_IFBLK].contains(kind(path)) }

    /// The file type at `path`, links followed; nil when nothing is there.
    private static func kind(_ path: String) -> mode_t? {
        var info = stat()
        return stat(path, &info) == 0 ? info.st_mode & S_IFMT : nil
    }

    /// The folder a file lies in ("." for a bare name, "/" at the root) and its name there.
    static func folderAndName(_ path: String) -> (folder: String, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return (".", path) }
        let folder = String(path[..<slash])
        return (folder.isEmpty ? "/" : folder, String(path[path.index(after: slash)...]))
    }

    /// The descriptor a path names (`/dev/stdout`, `/dev/stderr`, `/dev/fd/N`, `/proc/self/fd/N`).
    private static func descriptorNamed(_ path: String) -> Int32? {
        switch path {
        case "/dev/stdout": return STDOUT_FILENO
        case "/dev/stderr": return STDERR_FILENO
        default:
            for prefix in ["/dev/fd/", "/proc/self/fd/"] where path.hasPrefix(prefix) {
                return Int32(path.dropFirst(prefix.count))
            }
            return nil
        }
    }

    /// What stands at `path`, links followed (nil: nothing); a folder is refused before any work is done.
    private static func standing(at path: String) throws -> stat? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        guard (info.st_mode & S_IFMT) != S_IFDIR else { throw IOFailure("\(path): is a directory") }
        return info
    }

    /// The file a chain of symbolic links ends at; `path` itself when it is no link or the chain is broken.
    static func followingLinks(_ path: String) -> String {
        var info = stat()
        guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK,
              let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    public var isTerminal: Bool { isatty(fd) == 1 }

    /// Where the bytes written so far lie until `commit`: a scratch copy read back and never committed
    /// (stdin spooled for several passes) is removed with this value, or by a signal, like any temporary.
    public var temporaryLocation: String? { temporaryPath }

    public func write(_ bytes: some Collection<UInt8>) throws {
        if buffer.count + bytes.count > bufferLimit { try flush() }
        if bytes.count >= bufferLimit {
            try Array(bytes).withUnsafeBytes { try writeAll($0) }
        } else {
            buffer.append(contentsOf: bytes)
        }
    }

    public func write(_ text: String) throws { try write(Array(text.utf8)) }

    public func flush() throws {
        guard !buffer.isEmpty else { return }
        try buffer.withUnsafeBytes { try writeAll($0) }
        buffer.removeAll(keepingCapacity: true)
    }

    private func writeAll(_ raw: UnsafeRawBufferPointer) throws {
        var done = 0
        while done < raw.count {
            let n = Glibc.write(fd, raw.baseAddress! + done, raw.count - done)
            if n < 0 {
                if errno == EINTR { continue }
                throw IOFailure("\(name): \(errnoText())")
            }
            done += n
        }
    }

    /// Flushes and, for a file, syncs its temporary: after this only the rename of `commit` is left,
    /// so a program writing two outputs can make sure of both before either replaces an older file.
    public func sync() throws {
        try flush()
        guard ownsDescriptor, !committed, temporaryPath != nil, !synced else { return }
        // A failed sync (a full disk, NFS) leaves deinit to drop the temporary.
        guard fsync(fd) == 0 else { throw IOFailure("\(name): \(errnoText())") }
        synced = true
    }

    /// Flushes; for a file, syncs and renames the temporary into place.
    public func commit() throws {
        try sync()
        guard ownsDescriptor, !committed else { return }
        guard let finalPath, let temporaryPath else {
            committed = true
            guard close(fd) == 0 else { throw IOFailure("\(name): \(errnoText())") }
            return
        }
        committed = true
        // Closed only once renamed: the open descriptor holds the lock that marks the temporary as live.
        defer {
            close(fd)
            release()
        }
        guard rename(temporaryPath, finalPath) == 0 else {
            let reason = errnoText()
            unlink(temporaryPath)
            throw IOFailure("\(name): \(reason)")
        }
    }

    private func release() {
        pendingSlot.map(PendingFiles.remove)
        replaced.map(OpenFiles.stopReplacing)
    }

    deinit {
        guard ownsDescriptor, !committed else { return }
        if let temporaryPath {
            unlink(temporaryPath)
            release()
        }
        close(fd)
    }
}
