#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The temporary files `OutputFile`s have not yet renamed into place, and the lock files of
/// `WriterLock`s. A thrown error removes its file as its owner goes away; this removes them when a
/// signal ends the program instead (Ctrl-C, `kill`, the reader of a pipe gone), so no hidden
/// `.NAME.tmp-*` or `.NAME.lock` is left behind. A run no handler sees end (SIGKILL, the OOM killer,
/// a power cut) leaves its temporary; the next run that writes NAME removes it (`removeAbandoned`).
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
    nonisolated(unsafe) private static var listedFolders: [String: [String]] = [:]
    fileprivate static let handlersInstalled: Bool = {
        for signal in [SIGINT, SIGTERM, SIGHUP, SIGPIPE] { installHandler(signal) }
        return true
    }()

    private static let suffixLetters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
    private static let suffixLength = 6

    /// Creates a new, empty file `DIRECTORY/.BASE.tmp-XXXXXX` (0644 less the umask) and remembers it until
    /// `remove(slot)`. Its name is remembered before the file exists, unlike mkstemp's, so that a
    /// signal arriving at any moment finds it. The file stays locked (flock) while its descriptor is
    /// open, which tells `removeAbandoned` in other processes that its writer lives; the temporaries of
    /// BASE that killed runs left are removed first. Nil, with errno set, when the file cannot be created.
    static func createTemporary(directory: String, base: String) -> (descriptor: Int32, path: String, slot: Int?)? {
        removeAbandoned(directory: directory, base: base)
        for _ in 0..<100 {
            let path = "\(directory)/.\(base).tmp-" + String((0..<suffixLength).map { _ in suffixLetters.randomElement()! })
            let slot = add(path)
            let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
            if descriptor >= 0 {
                _ = flock(descriptor, LOCK_EX | LOCK_NB)  // a file of its own making: nobody else holds it
                return (descriptor, path, slot)
            }
            let reason = errno
            slot.map(remove)  // never unlink a file another made
            errno = reason
            guard reason == EEXIST else { return nil }
        }
        return nil
    }

    /// Removes the `DIRECTORY/.BASE.tmp-XXXXXX` files of earlier runs that died writing BASE without a
    /// chance to clean up. One is abandoned when its lock is free (the kernel drops a dead writer's) and
    /// it last changed over a second ago: a live writer takes its lock at once on creating the file, so
    /// the age closes the moment between the two. Best effort: what cannot be read or removed stays.
    /// The protection of a live writer's file is the local filesystem's flock: NFS emulates it with
    /// POSIX locks, which a process drops when it closes any descriptor of the file (as `train -` does,
    /// reading its spool once an epoch), so there an idle live file may go.
    private static func removeAbandoned(directory: String, base: String) {
        let prefix = ".\(base).tmp-"
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        for name in temporaryNames(in: directory) where name.hasPrefix(prefix) && name.count == prefix.count + suffixLength {
            let path = "\(directory)/\(name)"
            // Open for writing: NFS takes an exclusive flock only on such a descriptor.
            let descriptor = open(path, O_RDWR | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
            guard descriptor >= 0 else { continue }
            defer { close(descriptor) }
            var opened = stat(), named = stat()
            guard fstat(descriptor, &opened) == 0, (opened.st_mode & S_IFMT) == S_IFREG,
                  opened.st_ctim.tv_sec < now.tv_sec - 1,
                  flock(descriptor, LOCK_EX | LOCK_NB) == 0,
                  lstat(path, &named) == 0, named.st_dev == opened.st_dev, named.st_ino == opened.st_ino else { continue }
            unlink(path)
        }
    }

    /// The names in a folder shaped like a temporary's, read once a process: a program writing a
    /// thousand heatmaps into one folder would otherwise list it a thousand times.
    private static func temporaryNames(in directory: String) -> [String] {
        pthread_mutex_lock(lock)
        defer { pthread_mutex_unlock(lock) }
        if let known = listedFolders[directory] { return known }
        var names: [String] = []
        if let folder = opendir(directory) {
            while let entry = readdir(folder) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
                guard name.hasPrefix("."), name.dropLast(suffixLength).hasSuffix(".tmp-"),
                      name.suffix(suffixLength).allSatisfy(suffixLetters.contains) else { continue }
                names.append(name)
            }
            closedir(folder)
        }
        listedFolders[directory] = names
        return names
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

/// A line a progress bar has left open on stderr (it redraws the line in place). An error message,
/// or the end a signal brings, closes it first, so that what follows starts a line of its own
/// instead of being glued to the bar.
public enum OpenStderrLine {
    nonisolated(unsafe) fileprivate static var open = false

    public static var isOpen: Bool { open }

    /// Marks the line open (the bar drew) or closed (it ended it); while it is open, a signal that ends
    /// the program ends the line too.
    public static func set(_ isOpen: Bool) {
        if isOpen { _ = PendingFiles.handlersInstalled }
        open = isOpen
    }
}

/// Unlinks every pending temporary file (no lock: the signal may have arrived while it was held),
/// ends a progress bar's line, then dies of the signal as if there had been no handler.
private func removePendingAndDie(_ number: Int32) {
    for slot in 0..<PendingFiles.capacity {
        if let path = PendingFiles.slots[slot] { unlink(path) }
    }
    if OpenStderrLine.open { _ = write(STDERR_FILENO, "\n", 1) }
    signal(number, SIG_DFL)
    raise(number)
}
