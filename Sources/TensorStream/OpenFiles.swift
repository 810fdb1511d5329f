#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The regular files this process is reading and those it is about to replace, so that an output
/// never replaces an input: `score r.vt -o r.vt` would otherwise leave the scores where the
/// reconstructions were, and `augment-strides v.vt -o v.vt` would drop the video.
enum OpenFiles {
    struct Identity: Hashable {
        let device: UInt64
        let inode: UInt64

        /// The identity of a regular file; nil for anything else (devices and pipes are not replaced).
        init?(_ info: stat) {
            guard (info.st_mode & S_IFMT) == S_IFREG else { return nil }
            device = UInt64(info.st_dev)
            inode = UInt64(info.st_ino)
        }
    }

    nonisolated(unsafe) private static var reading: [Identity: Int] = [:]
    nonisolated(unsafe) private static var replacing: [Identity: Int] = [:]
    nonisolated(unsafe) private static let lock: UnsafeMutablePointer<pthread_mutex_t> = {
        let lock = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
        pthread_mutex_init(lock, nil)
        return lock
    }()

    private static func locked<T>(_ body: () throws -> T) rethrows -> T {
        pthread_mutex_lock(lock)
        defer { pthread_mutex_unlock(lock) }
        return try body()
    }

    static func startReading(_ file: Identity, name: String) throws {
        try locked {
            guard replacing[file] == nil else { throw IOFailure("\(name): is also this run's output; write the output elsewhere") }
            reading[file, default: 0] += 1
        }
    }

    static func startReplacing(_ file: Identity, name: String) throws {
        try locked {
            guard reading[file] == nil else { throw IOFailure("\(name): is also this run's input; write the output elsewhere") }
            replacing[file, default: 0] += 1
        }
    }

    static func stopReading(_ file: Identity) { locked { release(file, in: &reading) } }
    static func stopReplacing(_ file: Identity) { locked { release(file, in: &replacing) } }

    private static func release(_ file: Identity, in table: inout [Identity: Int]) {
        let left = (table[file] ?? 1) - 1
        table[file] = left > 0 ? left : nil
    }
}

/// Whether two paths name the same existing regular file (through links, or two spellings of one
/// path), for programs that can tell before any work that an output would replace an input.
public func sameFile(_ a: String, _ b: String) -> Bool {
    var first = stat(), second = stat()
    guard stat(a, &first) == 0, stat(b, &second) == 0, let x = OpenFiles.Identity(first) else { return false }
    return x == OpenFiles.Identity(second)
}
