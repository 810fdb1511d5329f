import Foundation
import ImageIO

/// Frames decoded from one source, in order, each with its 0-based index in the source.
public protocol FrameReader {
    /// Up to `count` more frames; empty at the end. A frame that cannot be decoded throws, unless
    /// `onBadFrame` swallows it (then that frame is skipped, its index still consumed).
    mutating func read(_ count: Int, onBadFrame: (Error) throws -> Void) throws -> [(index: Int, image: Image)]
}

/// Frames of a folder of images, decoded in parallel on up to `threads` cores (nil: all of them).
public struct ImageFolderReader: FrameReader {
    private let paths: [String]
    private let channels: ImageChannels
    private let every: Int
    private let threads: Int?
    private var next = 0

    public init(paths: [String], channels: ImageChannels, every: Int, threads: Int? = nil) {
        self.paths = paths
        self.channels = channels
        self.every = every
        self.threads = threads
    }

    public mutating func read(_ count: Int, onBadFrame: (Error) throws -> Void) throws -> [(index: Int, image: Image)] {
        var frames: [(index: Int, image: Image)] = []
        // Loop so that a batch of skipped bad frames does not look like the end of the folder.
        while frames.isEmpty, next < paths.count {
            var indices: [Int] = []
            while indices.count < count, next < paths.count {
                if next % every == 0 { indices.append(next) }
                next += 1
            }
            let results = ParallelMap.run(indices.count, threads: threads) { [paths, channels, indices] i in
                Result { try ImageIO.read(path: paths[indices[i]], channels: channels) }
            }
            for (index, result) in zip(indices, results) {
                switch result {
                case .success(let image): frames.append((index, image))
                case .failure(let error): try onBadFrame(error)
                }
            }
        }
        return frames
    }

    /// Frames this reader will yield, bad ones included.
    public var count: Int { (paths.count + every - 1) / every }
}

/// Frames of a video file, decoded by ffmpeg and piped raw (never through temporary images).
public final class VideoFileReader: FrameReader {
    private let path: String
    private let process = Process()
    private let pipe = Pipe()
    private let errors: URL
    private let frameBytes: Int
    public let width: Int, height: Int, channels: Int
    private let every: Int
    private var position = 0
    private var finished = false
    /// Damage met while frames decoded before it were waiting to be returned; thrown by the next read.
    private var damage: Error?

    /// `threads` caps ffmpeg's decoding threads (nil: ffmpeg's own choice, about one per core).
    public init(path: String, channels requested: ImageChannels, every: Int, threads: Int? = nil) throws {
        self.path = path
        self.every = every
        let probe = try Self.probe(path)
        width = probe.width
        height = probe.height
        switch requested {
        case .gray: channels = 1
        case .rgb: channels = 3
        case .native: channels = probe.pixelFormat.hasPrefix("gray") ? 1 : 3
        }
        frameBytes = width * height * channels
        errors = FileManager.default.temporaryDirectory.appendingPathComponent("frames-extract-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        // The stream probed, every frame it holds once: ffmpeg's constant-rate output would repeat
        // frames of a variable-rate video, and by default it picks the largest video stream. -xerror
        // stops at the first damage, where ffmpeg would otherwise patch the broken frames and go on.
        process.arguments = ["ffmpeg", "-v", "error", "-xerror", "-nostdin"] + (threads.map { ["-threads", String($0)] } ?? [])
            + ["-i", path, "-map", "0:v:0", "-fps_mode", "passthrough", "-f", "rawvideo", "-pix_fmt", channels == 1 ? "gray" : "rgb24", "-"]
        process.standardOutput = pipe
        process.standardError = try FileHandle(forWritingTo: errors)
        do { try process.run() } catch { throw IngestError("\(path): cannot run ffmpeg (install it with make setup)") }
    }

    deinit {
        if process.isRunning { process.terminate() }
        try? FileManager.default.removeItem(at: errors)
    }

    public func read(_ count: Int, onBadFrame: (Error) throws -> Void) throws -> [(index: Int, image: Image)] {
        if let damage {
            self.damage = nil
            throw damage
        }
        var frames: [(index: Int, image: Image)] = []
        do {
            while frames.count < count, !finished {
                let bytes = try readFrame()
                guard let bytes else {
                    finished = true
                    try finish()
                    break
                }
                if position % every == 0 {
                    frames.append((position, Image(width: width, height: height, channels: channels, pixels: bytes)))
                }
                position += 1
            }
        } catch where !frames.isEmpty {
            // The frames decoded before the damage are whole: they go out now, the damage with the next
            // read, so that how many survive does not depend on how many a read asks for.
            finished = true
            damage = error
        }
        return frames
    }

    private func readFrame() throws -> [UInt8]? {
        var bytes = [UInt8]()
        bytes.reserveCapacity(frameBytes)
        while bytes.count < frameBytes {
            let data = try pipe.fileHandleForReading.read(upToCount: frameBytes - bytes.count) ?? Data()
            if data.isEmpty { break }
            bytes.append(contentsOf: data)
        }
        if bytes.isEmpty { return nil }
        guard bytes.count == frameBytes else {
            try finish()
            throw IngestError("\(path): frame \(position) is truncated (\(bytes.count) of \(frameBytes) bytes)")
        }
        return bytes
    }

    private func finish() throws {
        process.waitUntilExit()
        // ffmpeg exits 0 after decode errors (a truncated file just yields fewer frames), so anything
        // it printed at `-v error` fails the file too; its first line is usually the cause.
        let firstError = (try? String(contentsOf: errors, encoding: .utf8))?.split(separator: "\n").first.map(String.init)
        guard process.terminationStatus == 0, firstError == nil else {
            throw IngestError("\(path): ffmpeg failed: \(firstError ?? "exit status \(process.terminationStatus)")")
        }
    }

    /// Width, height and pixel format of the first video stream, from ffprobe.
    static func probe(_ path: String) throws -> (width: Int, height: Int, pixelFormat: String) {
        // Damage past the header is left to the decoding ffmpeg, which says where it starts.
        let fields = try ffprobe(path, ["-show_entries", "stream=width,height,pix_fmt"]).fields
        guard fields.count >= 3, let w = Int(fields[0]), let h = Int(fields[1]), w > 0, h > 0 else {
            throw IngestError("\(path): not a readable video (ffprobe finds no video stream)")
        }
        return (w, h, String(fields[2]))
    }

    /// The frames extraction would decode from the first video stream, counted by decoding them
    /// (a container's own count is often absent or wrong); damage anywhere fails the count.
    public static func countFrames(_ path: String) throws -> Int {
        let answer = try ffprobe(path, ["-count_frames", "-show_entries", "stream=nb_read_frames"])
        if let damage = answer.firstError { throw IngestError("\(path): ffprobe: \(damage)") }
        guard let count = answer.fields.first.flatMap({ Int($0) }) else {
            throw IngestError("\(path): not a readable video (ffprobe finds no video stream)")
        }
        return count
    }

    /// ffprobe's answer about the first video stream, as its comma-separated fields, and the first
    /// line it printed at `-v error`, if any.
    private static func ffprobe(_ path: String, _ query: [String]) throws -> (fields: [Substring], firstError: String?) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["ffprobe", "-v", "error", "-select_streams", "v:0"] + query + ["-of", "csv=p=0", path]
        let out = Pipe(), errors = Pipe()
        p.standardOutput = out
        p.standardError = errors
        do { try p.run() } catch { throw IngestError("\(path): cannot run ffprobe (install ffmpeg with make setup)") }
        // Errors first: they may run long (a damaged video), the answer is one short line that never
        // fills its pipe while ffprobe waits for the errors to be read.
        let errorText = errors.fileHandleForReading.readDataToEndOfFile()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        // env exits 127 when it finds no ffprobe to run.
        if p.terminationStatus == 127 { throw IngestError("\(path): cannot run ffprobe (install ffmpeg with make setup)") }
        guard p.terminationStatus == 0 else { throw IngestError("\(path): not a readable video (ffprobe finds no video stream)") }
        let firstError = String(decoding: errorText, as: UTF8.self).split(separator: "\n").first.map(String.init)
        return (text.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ","), firstError)
    }
}

/// Runs independent jobs on up to `threads` cores (nil: all of them) and returns their results in order.
enum ParallelMap {
    static func run<T: Sendable>(_ count: Int, threads: Int? = nil, _ job: @Sendable (Int) -> T) -> [T] {
        let slots = UnsafeMutablePointer<T?>.allocate(capacity: count)
        slots.initialize(repeating: nil, count: count)
        defer {
            slots.deinitialize(count: count)
            slots.deallocate()
        }
        // Each index is written by exactly one iteration, and read only after all have finished.
        nonisolated(unsafe) let shared = slots
        // Each of `workers` iterations takes every workers-th job, so at most that many run at once.
        let workers = min(count, threads ?? count)
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            for i in stride(from: w, to: count, by: workers) { shared[i] = job(i) }
        }
        return (0..<count).map { slots[$0]! }
    }
}
