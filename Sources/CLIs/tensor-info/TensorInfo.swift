import ArgumentParser
import CLIKit
import Foundation
import TensorStream

@main
struct TensorInfo: Tool {
    static let configuration = CommandConfiguration(
        commandName: "tensor-info",
        abstract: "Describe the records of a tensor stream (or a checkpoint): metadata, tensors, dtypes, shapes, min/mean/max.",
        discussion: """
        Reads a VADKit tensor stream (safetensors records back to back) from a file or stdin and \
        prints one block per record. A checkpoint is a one-record stream, so it can be inspected too.

        Examples:
          tensor-info clips.vt
          frames-extract UCSDped2/Test | tensor-info -
          tensor-info --npy out/ clips.vt     # also writes out/000000-clip.npy, ...
        """)

    @Argument(help: "Stream to read; '-' for stdin.")
    var input: String = "-"

    @Option(name: .customLong("npy"), help: ArgumentHelp("Also export every tensor as DIR/RECORD-NAME.npy.", valueName: "DIR"))
    var npyDirectory: String?

    @Flag(name: .customLong("no-stats"), help: "Skip min/mean/max (faster on large streams).")
    var noStats = false

    func run() throws {
        // The input first: a missing one leaves no new folder behind.
        let reader = try StreamFiles.reader(input)
        if let npyDirectory {
            try makeOutputFolder(npyDirectory)
        }
        let out = try OutputFile(path: "-")
        var index = 0
        do {
            while let record = try reader.read() {
                try out.write(describe(record, index: index))
                if let npyDirectory {
                    for (name, tensor) in record.tensors {
                        let file = try OutputFile(path: "\(npyDirectory)/\(String(format: "%06d", index))-\(Self.safeFileName(name)).npy")
                        try file.write(NPY.encode(tensor))
                        try file.commit()
                    }
                }
                index += 1
            }
        } catch {
            // The records read before the damage are described, as a probe of a broken stream should.
            try? out.commit()
            throw error
        }
        try out.write("\(index) record\(index == 1 ? "" : "s")\n")
        try out.commit()
    }

    func describe(_ record: Record, index: Int) -> String {
        var text = "record \(index)\n"
        for (key, value) in record.metadata.sorted(by: { $0.key < $1.key }) {
            text += "  \(key) = \(value.count > 200 ? String(value.prefix(200)) + "..." : value)\n"
        }
        for (name, tensor) in record.tensors {
            let shape = "[" + tensor.shape.map(String.init).joined(separator: ",") + "]"
            text += "  \(name)  \(tensor.dtype.rawValue)  \(shape)"
            if !noStats {
                let s = TensorSummary(tensor)
                text += "  min \(Self.format(s.min))  mean \(Self.format(s.mean))  max \(Self.format(s.max))"
            }
            text += "\n"
        }
        return text
    }

    static func format(_ v: Double) -> String { String(format: "%.6g", v) }

    /// Tensor names may hold dots and slashes; file names keep letters, digits, '.', '-', '_'.
    static func safeFileName(_ name: String) -> String {
        String(name.map { $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" || $0 == "_" ? $0 : "_" })
    }
}
