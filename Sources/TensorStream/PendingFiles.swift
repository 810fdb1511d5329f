#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The temporary files `OutputFile`s have not yet renamed into place, and the lock files of
/// `WriterLock`s. A thrown error removes its file as its owner goes away; this removes them when a
/// signal ends the program instead (Ctrl-C, `kill`, the reader of a pipe gone), so no hidden
/// `.NAME.tmp-*` or `.NAME.lock` is left behind.
enum PendingFiles {
    fileprivate static let capacity = 64
    /// C strings, so that the signal handler needs nothing but `unlink`.
    nonisolated(unsafe) fileprivate static let slots: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?> = {
        let slots = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: capacity)
        slots.initialize(repeating: nil, count: capacity)
        return slots
    }()
    nonisolated(unsafe) private static let lock: UnsafeMutablePointer<pthread_mutex_t> = {
        let lock = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
        pthread_mutex_init(lock, nil)
        return lock
    }()
    private static let handlersInstalled: Bool = {
        for signal in [SIGINT, SIGTERM, SIGHUP, SIGPIPE] { installHandler(signal) }
        return true
    }()

    /// Creates a new, empty file `DIRECTORY/.BASE.tmp-XXXXXX` (0644 less the umask) and remembers it until
    /// `remove(slot)`. Its name is remembered before the file exists, unlike mkstemp's, so that a
    /// signal arriving at any moment finds it. Nil, with errno set, when the file cannot be created.
    static func createTemporary(directory: String, base: String) -> (descriptor: Int32, path: String, slot: Int?)? {
        let letters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
        for _ in 0..<100 {
            let path = "\(directory)/.\(base).tmp-" + String((0..<6).map { _ in letters.randomElement()! })
            let slot = add(path)
            let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
            if descriptor >= 0 { return (descriptor, path, slot) }
            let reason = errno
            slot.map(remove)  // never unlink a file another made
            errno = reason
            guard reason == EEXIST else { return nil }
        }
        return nil
    }

    /// Remembers `path` until `remove(slot)`; nil when every slot is taken (that file is then
    /// removed on errors only).
    static func add(_ path: String) -> Int? {
        _ = handlersInstalled
        pthread_mutex_lock(lock)
        defer { pthread_mutex_unlock(lock) }
        guard let free = (0..<capacity).first(where: { slots[$0] == nil }) else { return nil }
        slots[free] = strdup(path)
        return free
    }

    static func remove(_ slot: Int) {
        pthread_mutex_lock(lock)
        let path = slots[slot]
        slots[slot] = nil
        pthread_mutex_unlock(lock)
        free(path)
    }

    private static func installHandler(_ number: Int32) {
        var previous = sigaction()
        sigaction(number, nil, &previous)
        // A signal the caller told us to ignore (nohup's SIGHUP) stays ignored.
        guard unsafeBitCast(previous.__sigaction_handler.sa_handler, to: Int.self) != unsafeBitCast(SIG_IGN, to: Int.self) else { return }
        var action = sigaction()
        action.__sigaction_handler.sa_handler = removePendingAndDie
        sigemptyset(&action.sa_mask)
        sigaction(number, &action, nil)
    }
}

/// Unlinks every pending temporary file (no lock: the signal may have arrived while it was held),
/// then dies of the signal as if there had been no handler.
private func removePendingAndDie(_ number: Int32) {
    for slot in 0..<PendingFiles.capacity {
        if let path = PendingFiles.slots[slot] { unlink(path) }
    }
    signal(number, SIG_DFL)
    raise(number)
}
