#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One process at a time for a file that a long run rewrites again and again (train's checkpoint):
/// two cron jobs, or a second `make`, resuming the same checkpoint would otherwise interleave their
/// steps and logs. The claim is an flock on `.NAME.lock` beside the file, holding the owner's process
/// id; the kernel drops it when the process ends however it ends, so a lock file left by `kill -9` is
/// simply taken over. The file is removed when the claim ends, or by a signal (PendingFiles).
public final class WriterLock {
    private let descriptor: Int32
    private let lockPath: String
    private let pendingSlot: Int?

    /// Refuses at once, naming `path` and the process writing it, when another process holds the claim.
    public init(path: String) throws {
        let (folder, name) = OutputFile.folderAndName(OutputFile.followingLinks(path))
        lockPath = "\(folder)/.\(name).lock"
        while true {
            // Never through a link: a planted `.NAME.lock` link must not get another file truncated. A
            // lock file this user may only read (another user's, left behind) still takes a lock.
            var descriptor = open(lockPath, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o644)
            var writable = true
            if descriptor < 0, errno == EACCES {
                descriptor = open(lockPath, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
                writable = false
            }
            guard descriptor >= 0 else {
                if errno == ELOOP { throw IOFailure("\(path): its lock file \(lockPath) is a symbolic link; remove it") }
                throw IOFailure("\(path): cannot create a lock file beside it: \(errnoText())")
            }
            if flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
                let reason = errno
                let holder = Self.processID(in: descriptor)
                close(descriptor)
                guard reason == EWOULDBLOCK else {
                    throw IOFailure("\(path): cannot lock \(lockPath): \(String(cString: strerror(reason)))")
                }
                let who = holder.map { "process \($0)" } ?? "another process"
                throw IOFailure("\(path): \(who) is writing it (\(lockPath)); wait for it to finish or stop it")
            }
            // A holder that ended just now removed the file this descriptor was opened on: lock the one
            // at the path instead, or two processes could each hold a lock on a different file.
            var opened = stat(), named = stat()
            let current = fstat(descriptor, &opened) == 0 && stat(lockPath, &named) == 0
                && opened.st_dev == named.st_dev && opened.st_ino == named.st_ino
            // One this user cannot write still names its last owner: replaced, where the folder allows,
            // so that it names this process; else held as it is.
            if current, !writable, unlink(lockPath) == 0 {
                close(descriptor)
                continue
            }
            if current {
                self.descriptor = descriptor
                break
            }
            close(descriptor)
        }
        pendingSlot = PendingFiles.add(lockPath)
        let owner = Array("\(getpid())\n".utf8)
        ftruncate(descriptor, 0)
        _ = owner.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
    }

    /// Removed while still held, so that no process can lock the file on its way out; forgotten by the
    /// signal handler first, so that a signal cannot remove a lock file a newer run has just made.
    deinit {
        pendingSlot.map(PendingFiles.remove)
        unlink(lockPath)
        close(descriptor)
    }

    private static func processID(in descriptor: Int32) -> Int? {
        var bytes = [UInt8](repeating: 0, count: 32)
        let count = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return nil }
        return Int(String(decoding: bytes[..<count].filter { $0 != UInt8(ascii: "\n") }, as: UTF8.self))
    }
}
