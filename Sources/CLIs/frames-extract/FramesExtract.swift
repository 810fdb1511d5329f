import ArgumentParser
import CLIKit
import Engine
import Foundation
import ImageIO
import Ingest
import TensorStream

@main
struct FramesExtract: Tool {
    static let configuration = CommandConfiguration(
        commandName: "frames-extract",
        abstract: "Decode videos (frame folders or video files) into a stream of u8 frame records.",
        discussion: """
        Reads UCSD's TIFF folders (Train/Train001/001.tif; Test001_gt mask folders are skipped), the \
        frames/NN/NNN.jpg layout, any folder of PNG, JPEG, TIFF, BMP or PGM frames (ordered by the number \
        in the name), and video files (.avi, .mp4, ...) through ffmpeg. PATH may be one video or a whole \
        dataset root. Each record holds up to --chunk frames of one video, with its id and the 0-based \
        frame indices in the metadata.

        Examples:
          frames-extract ../shared/data/ucsd-ped2/training --size 256x256 --gray -o train-frames.vt
          frames-extract UCSDped1/Test --list
          frames-extract avenue/testing_videos/01.avi --gray --every 2 | tensor-info --no-stats -
        """)

    @Argument(help: "Video files, frame folders or dataset roots.")
    var paths: [String]

    @Option(name: .shortAndLong, help: "Where to write frame records; '-' for stdout.")
    var output = "-"

    @Option(parsing: .unconditional, help: ArgumentHelp("Resize every frame to WxH, or NxN given N, each side at most 16384 (default: native size).", valueName: "WxH"))
    var size: FrameSize?

    @Option(help: "Resize filter: area or bilinear-aa (both antialiased), bilinear, bicubic, nearest.")
    var filter = Interpolation.area

    @Flag(help: "Output greyscale (1 channel) or RGB (3); default: as stored.")
    var color: ColorChoice?

    @Option(parsing: .unconditional, help: "Keep every Nth frame (indices stay those of the source).")
    var every = 1

    @Option(parsing: .unconditional, help: "At most N frames per video.")
    var maxFrames: Int?

    @Option(parsing: .unconditional, help: "Frames per record.")
    var chunk = 32

    @Option(help: "Dataset name for the metadata (default: the first path's last component, a folder or file name).")
    var dataset: String?

    @Flag(help: "Print the videos that would be read, and their frame counts, then stop. A video file is decoded to count its frames, as a container's own count is often wrong, so a long one takes a while.")
    var list = false

    @Flag(help: "Warn about unreadable files (a video ffmpeg reports errors on counts as one, from the damage on: the whole frames decoded before ffmpeg stopped are kept, how many of them varying a little with the machine's load), skip them, and report a count at the end (a run left with no frame at all fails); with --list, list video files ffmpeg cannot read as unreadable (frames in image folders are counted, not decoded).")
    var skipBad = false

    @Option(parsing: .unconditional, help: "Threads for decoding and resizing (default: all cores).")
    var threads: Int?

    @Flag(help: "No progress report.")
    var quiet = false

    enum ColorChoice: String, EnumerableFlag {
        case gray, rgb
    }

    func validate() throws {
        guard every >= 1 else { throw ValidationError("--every must be at least 1") }
        guard chunk >= 1 else { throw ValidationError("--chunk must be at least 1") }
        guard maxFrames.map({ $0 >= 1 }) ?? true else { throw ValidationError("--max-frames must be at least 1") }
        try validateThreads(threads)
    }

    func run() throws {
        try refuseOverwriting(inputs: paths.map { ("input", $0) }, outputs: [("--output", output)])
        let videos = try paths.flatMap(DatasetScanner.scan)
        // Two videos under one name would be one video to every later stage, its frames running backwards.
        var named: [String: String] = [:]
        for video in videos {
            if let first = named.updateValue(video.path, forKey: video.id) {
                throw IngestError("\(video.path): its video name '\(video.id)' is \(first)'s too; extract them one at a time, or rename one")
            }
        }
        // A folder named on the command line holds the frames read, which the check above never sees.
        if output != "-", FileManager.default.fileExists(atPath: output) {
            let read = videos.flatMap { video -> [String] in
                if case .images(let files) = video.kind { return files }
                return [video.path]
            }
            if read.contains(where: { sameFile($0, output) }) {
                throw UsageError("--output \(output) is one of the frames or videos read; write it elsewhere")
            }
        }
        if list {
            let out = try OutputFile(path: output)
            for video in videos {
                switch video.kind {
                case .images(let files): try out.write("\(video.id)\t\(files.count) frames\t\(video.path)\n")
                case .file:
                    do {
                        try out.write("\(video.id)\t\(try VideoFileReader.countFrames(video.path)) frames\t\(video.path)\n")
                    } catch let error as IngestError where skipBad {
                        let problem = error.description.hasPrefix(video.path + ": ") ? String(error.description.dropFirst(video.path.count + 2)) : error.description
                        try out.write("\(video.id)\tunreadable: \(problem)\t\(video.path)\n")
                    }
                }
            }
            try out.commit()
            return
        }
        try Runtime.setThreads(threads ?? ProcessInfo.processInfo.activeProcessorCount)
        var options = ExtractionOptions()
        options.channels = color.map { $0 == .gray ? .gray : .rgb } ?? .native
        options.every = every
        options.maxFrames = maxFrames
        options.chunk = chunk
        options.skipBad = skipBad
        options.threads = threads
        options.dataset = dataset ?? (paths[0] as NSString).lastPathComponent
        options.resizer = FrameResizer(width: size?.width, height: size?.height, filter: filter)

        let out = try StreamFiles.binaryOutput(output)
        let writer = RecordWriter(out)
        var extractor = FrameExtractor(options: options)
        let total = videos.reduce(0) { sum, video in
            if case .images(let files) = video.kind { return sum + min(files.count / every + (files.count % every == 0 ? 0 : 1), maxFrames ?? Int.max) }
            return sum
        }
        let progress = ProgressBar("frames-extract", total: videos.allSatisfy { $0.kind != .file } ? total : nil, unit: "frames", quiet: quiet)
        for video in videos {
            try extractor.extract(video, warn: { standardError("frames-extract: \($0)") }) { record in
                try writer.write(record)
                progress.advance(by: record[FrameRecord.framesTensor]?.shape[0] ?? 0)
            }
        }
        progress.finish()
        // Skipping may leave nothing, which no later stage can use: fail rather than write an empty stream.
        if extractor.frames == 0 {
            let why = extractor.skipped > 0 ? "\(extractor.skipped) unreadable file(s) skipped" : "no frames decoded"
            throw IOFailure("\(paths.joined(separator: " ")): no frame could be read (\(why))")
        }
        try out.commit()
        if skipBad && extractor.skipped > 0 {
            standardError("frames-extract: \(extractor.frames) frames written, \(extractor.skipped) unreadable file(s) skipped")
        }
    }
}

extension Interpolation: ExpressibleByArgument {}
