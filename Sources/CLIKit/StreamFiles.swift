import Foundation
import TensorStream

/// Opening the inputs and outputs every program takes: a path or "-" for stdin/stdout.
public enum StreamFiles {
    /// A record reader over a path or stdin.
    public static func reader(_ path: String) throws -> RecordReader {
        try RecordReader(path: path)
    }

    /// Refuses a stream that held no records, once it is read: in a pipe that most often means the
    /// stage before failed, and an empty output would hide it.
    public static func requireRecords(_ reader: RecordReader, _ kind: String) throws {
        guard reader.recordsRead > 0 else { throw IOFailure("\(reader.source): no \(kind) records") }
    }

    /// Binary output to a path (written atomically on commit) or stdout. Refuses a terminal, where
    /// binary would only scramble the screen.
    public static func binaryOutput(_ path: String) throws -> OutputFile {
        let output = try OutputFile(path: path)
        if path == "-", output.isTerminal {
            throw UsageError("refusing to write a binary tensor stream to a terminal; use -o FILE or a pipe")
        }
        return output
    }
}

/// Refuses, before any work, an output that is one of the inputs (a checkpoint or labels file read
/// whole and closed, a video ffmpeg reads, which the registry of open files never sees) or that
/// another output also names, stdout included.
public func refuseOverwriting(inputs: [(option: String, path: String)], outputs: [(option: String, path: String)]) throws {
    func same(_ a: String, _ b: String) -> Bool { a != "-" && b != "-" && (a == b || sameFile(a, b)) }
    // A file redirected to stdin is an input as much as a named one.
    func reads(_ input: String, _ output: String) -> Bool { input == "-" ? output != "-" && isStandardInput(output) : same(input, output) }
    for (index, output) in outputs.enumerated() {
        if let input = inputs.first(where: { reads($0.path, output.path) }) {
            throw UsageError("\(output.option) \(output.path) is the \(input.option) file; write it elsewhere")
        }
        if isStandardOutput(output.path), let other = outputs[..<index].first(where: { isStandardOutput($0.path) }) {
            throw UsageError("\(output.option) and \(other.option) cannot both go to stdout; name a file for one")
        }
        // Two outputs thrown away on /dev/null (or any character device) overwrite nothing.
        if !isCharacterDevice(output.path), let other = outputs[..<index].first(where: { same($0.path, output.path) }) {
            throw UsageError("\(output.option) and \(other.option) both name \(output.path); give each its own file")
        }
    }
}

/// Whether PATH names what `descriptor` is open on, when `counts` accepts that file's mode.
private func names(_ descriptor: Int32, _ path: String, counts: (mode_t) -> Bool) -> Bool {
    var standard = stat(), named = stat()
    guard fstat(descriptor, &standard) == 0, stat(path, &named) == 0, counts(named.st_mode & S_IFMT) else { return false }
    return standard.st_dev == named.st_dev && standard.st_ino == named.st_ino
}

func isCharacterDevice(_ path: String) -> Bool {
    var status = stat()
    return stat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFCHR
}

/// Whether PATH is the regular file standard input was redirected from (`score - -o r.vt < r.vt`).
func isStandardInput(_ path: String) -> Bool { names(STDIN_FILENO, path) { $0 == S_IFREG } }

/// Whether PATH is where standard output goes: "-", or another name of the pipe or file stdout is
/// (`/dev/stdout`, `/dev/fd/1`, the file the shell redirected it to). A character device such as
/// /dev/null is left out: two outputs thrown away there mix nothing.
func isStandardOutput(_ path: String) -> Bool {
    path == "-" || names(STDOUT_FILENO, path) { $0 != S_IFCHR }
}
