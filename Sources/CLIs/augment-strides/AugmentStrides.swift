import ArgumentParser
import CLIKit
import Clips
import Foundation
import TensorStream

@main
struct AugmentStrides: Tool {
    static let configuration = CommandConfiguration(
        commandName: "augment-strides",
        abstract: "Cut frame records into clips of T frames, with temporal strides for training or every sliding window for testing.",
        discussion: """
        A clip of stride s takes every s-th frame: with T=10, stride 2 reads frames 0,2,...,18. Training \
        mode makes clips at each stride, starting every --step frames (default: non-overlapping, T*s \
        apart). Test mode makes every stride-1 window, one per start frame. For a video of n frames, \
        each stride s gives (n - span) / step + 1 clips when n >= span = (T-1)s+1, else none; --to-end \
        adds one more, flush with the video's last frame, where that grid stops short of it. A video \
        too short for any clip is named on stderr; a run that cuts no clip at all fails and writes nothing.

        Examples:
          frames-extract UCSDped2/Train --size 128x128 --gray | augment-strides --strides 1,2,3 -o train.vt
          augment-strides --test frames.vt -o test-clips.vt
          augment-strides --strides 1 --step 5 --to-end frames.vt -o test-clips.vt   # Luo et al.'s test windows
        """)

    @Argument(help: "Frame records to read; '-' for stdin.")
    var input = "-"

    @Option(name: .shortAndLong, help: "Where to write clip records; '-' for stdout.")
    var output = "-"

    @Option(name: [.customShort("T"), .long], parsing: .unconditional, help: "Frames per clip.")
    var length = 10

    @Option(parsing: .unconditional, help: "Comma-separated temporal strides (training mode).")
    var strides = "1,2,3"

    @Option(parsing: .unconditional, help: "Frames between window starts; default non-overlapping (T*stride).")
    var step: Int?

    @Flag(help: "Test mode: every stride-1 sliding window (overrides --strides and --step).")
    var test = false

    @Flag(name: .customLong("to-end"), help: "Also cut, per stride, a window flush with each video's last frame where --step stops short of it, so that the last frames are in a window too.")
    var toEnd = false

    @Flag(help: "No progress report.")
    var quiet = false

    func run() throws {
        try refuseOverwriting(inputs: [("input", input)], outputs: [("--output", output)])
        let windows: ClipWindows
        do {
            if test {
                windows = try .sliding(length: length)
            } else {
                // Empty entries are kept, so that a stray comma (1,,2) is refused rather than skipped.
                let parsed = strides.split(separator: ",", omittingEmptySubsequences: false).map { Int($0.trimmingCharacters(in: .whitespaces)) }
                guard !parsed.contains(where: { $0 == nil }) else { throw UsageError("--strides must be positive integers like 1,2,3, got '\(strides)'") }
                windows = try ClipWindows(length: length, strides: parsed.map { $0! }, step: step, reachingEnd: toEnd)
            }
        } catch let error as ClipError {
            throw UsageError(error.description)
        }
        let reader = try StreamFiles.reader(input)
        let out = try StreamFiles.binaryOutput(output)
        let writer = RecordWriter(out)
        let cutter = ClipCutter(windows: windows)
        let needed = windows.minimumSpan
        cutter.onTooShort = { video, frames in
            standardError("\(Self.programName): \(reader.source): skipping video \(video): \(frames) frames, fewer than the \(needed) one clip needs")
        }
        let progress = ProgressBar("augment-strides", total: nil, unit: "clips", quiet: quiet)
        var written = 0
        func write(_ clips: [Record]) throws {
            for clip in clips {
                try writer.write(clip)
                written += 1
                progress.advance()
            }
        }
        while let record = try reader.read() {
            try write(try cutter.consume(record, number: reader.recordsRead - 1, source: reader.source))
        }
        try write(cutter.finish())
        progress.finish()
        // An empty clip stream would only fail later, in train or reconstruct, far from its cause.
        try StreamFiles.requireRecords(reader, "frame")
        guard written > 0 else { throw IOFailure("\(reader.source): no clips cut (a clip needs a video of at least \(needed) frames)") }
        try out.commit()
    }
}
