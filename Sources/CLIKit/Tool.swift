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
                print(fullMessage(for: error))
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
    FileHandle.standardError.write(Data(((OpenStderrLine.isOpen ? "\n" : "") + text + "\n").utf8))
    OpenStderrLine.set(false)
}
