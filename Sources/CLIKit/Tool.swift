import ArgumentParser
import Foundation
import TensorStream

/// A usage mistake found after parsing (a bad value's format, say): reported like a parse error, exit 2.
public struct UsageError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// The conventions every VADKit program shares: exit 0 on success, 1 on failure, 2 on a usage error;
/// errors on stderr as `PROGRAM: message`; `--help` on stdout with a worked example.
/// Numeric options parse `.unconditional`ly, so that `--lr -1` reaches the program's validation
/// ("must be positive") instead of reading as a missing value.
public protocol Tool: ParsableCommand {}

extension Tool {
    public static var programName: String { configuration.commandName ?? String(describing: Self.self) }

    public static func main() {
        holdStandardDescriptors()
        do {
            var command = try parseAsRoot()
            try command.run()
            Foundation.exit(0)
        } catch let code as ExitCode {
            Foundation.exit(code.rawValue)
        } catch let usage as UsageError {
            usageFailure(usage.description)
        } catch {
            // The parser's own errors: help and version requests (which it raises from `run` too),
            // and malformed command lines.
            switch exitCode(for: error) {
            case .success:
                do {
                    let out = try OutputFile(path: "-")
                    try out.write(fullMessage(for: error) + "\n")
                    try out.commit()
                } catch {
                    standardError("\(programName): \(oneLine(error))")
                    Foundation.exit(1)
                }
                Foundation.exit(0)
            case .validationFailure:
                var message = fullMessage(for: error)
                if message.hasPrefix("Error: ") { message.removeFirst(7) }
                standardError("\(programName): \(message)")
                Foundation.exit(2)
            default:
                standardError("\(programName): \(oneLine(error))")
                Foundation.exit(1)
            }
        }
    }

    /// VADKit's errors describe themselves in one line; Foundation's describe themselves as a dump of
    /// their user info, so they are phrased from the file they name and the system's reason.
    static func oneLine(_ error: Error) -> String {
        let foundation = error as NSError
        guard [NSCocoaErrorDomain, NSPOSIXErrorDomain].contains(foundation.domain) else { return String(describing: error) }
        let path = foundation.userInfo[NSFilePathErrorKey] as? String ?? (foundation.userInfo[NSURLErrorKey] as? URL)?.path
        return path.map { "\($0): \(reason(foundation))" } ?? reason(foundation)
    }

    /// A Foundation error's POSIX cause as `strerror` words it, where it has one.
    private static func reason(_ error: NSError) -> String {
        if error.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(error.code))) }
        if let cause = error.userInfo[NSUnderlyingErrorKey] as? Error { return reason(cause as NSError) }
        return error.localizedDescription
    }

    private static func usageFailure(_ message: String) -> Never {
        standardError("\(programName): \(message)\nRun '\(programName) --help' for usage.")
        Foundation.exit(2)
    }
}

/// One line (or a few) to stderr, unbuffered, on a line of its own after a progress bar's.
public func standardError(_ text: String) {
    writeStandardError((OpenStderrLine.isOpen ? "\n" : "") + text + "\n")
    OpenStderrLine.set(false)
}

/// Text to stderr. A stderr that cannot be written (a full disk, a closed descriptor) loses the text; it
/// must not stop the program, whose exit status still tells how it went.
func writeStandardError(_ text: String) {
    try? FileHandle.standardError.write(contentsOf: Data(text.utf8))
}

/// A program started with stdin, stdout or stderr closed would hand that number to the next file it
/// opens, and then write its messages or stream into an output file, or read its lock file as input.
/// Each closed one is held by /dev/null opened the wrong way round, so that using it fails (a write
/// to stdout is then reported like any failed write) while the number stays taken.
func holdStandardDescriptors() {
    for descriptor in [STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO] where fcntl(descriptor, F_GETFD) == -1 {
        let placeholder = open("/dev/null", descriptor == STDIN_FILENO ? O_WRONLY : O_RDONLY)
        if placeholder >= 0, placeholder != descriptor {
            dup2(placeholder, descriptor)
            close(placeholder)
        }
    }
}
