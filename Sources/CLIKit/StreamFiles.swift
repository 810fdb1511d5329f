import Foundation
import TensorStream

/// Opening the inputs and outputs every program takes: a path or "-" for stdin/stdout.
public enum StreamFiles {
    /// A record reader over a path or stdin.
    public static func reader(_ path: String) throws -> RecordReader {
        try RecordReader(path: path)
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

/// Refuses, before any work, an output that is one of the inputs read whole at the start (a
/// checkpoint, a labels file), which the registry of open files cannot see once they are closed.
public func refuseOverwriting(inputs: [(option: String, path: String)], outputs: [(option: String, path: String)]) throws {
    for output in outputs where output.path != "-" {
        if let input = inputs.first(where: { $0.path != "-" && ($0.path == output.path || sameFile($0.path, output.path)) }) {
            throw UsageError("\(output.option) \(output.path) is the \(input.option) file; write it elsewhere")
        }
    }
}
