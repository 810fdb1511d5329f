import Foundation
import TensorStream

/// One training batch: u8 clips stacked as [B, T, C, H, W].
public struct ClipBatch: Sendable {
    public let pixels: HostTensor
    public var count: Int { pixels.shape[0] }
}

/// Reads clip records from a file epoch after epoch, shuffles them through a seeded buffer and
/// groups them into batches; a background thread prepares the next batches while the caller
/// computes on the current one. Only the shuffle buffer and two batches are ever in memory.
public final class ClipBatches: @unchecked Sendable {
    public let path: String
    /// The clips in messages: `path`, or "stdin" for a copy of standard input.
    public let name: String
    public let batchSize: Int
    public let shuffleCapacity: Int
    public let seed: UInt64
    /// Shape of one clip [T, C, H, W], read from the first record.
    public let clipShape: [Int]

    public init(path: String, name: String? = nil, batchSize: Int, shuffleCapacity: Int, seed: UInt64) throws {
        self.path = path
        self.name = name ?? path
        self.batchSize = batchSize
        self.shuffleCapacity = shuffleCapacity
        self.seed = seed
        clipShape = try Self.clipShape(path: path, name: self.name)
    }

    /// [T, C, H, W] of the first clip record in `path`.
    public static func clipShape(path: String, name: String? = nil) throws -> [Int] {
        let reader = try records(path: path, name: name)
        guard let first = try reader.read() else { throw IOFailure("\(reader.source): no clip records") }
        return try FrameRecord.clip(of: first, in: reader.source).shape
    }

    /// The clip records from the start, their errors naming `name`.
    public func records() throws -> RecordReader { try Self.records(path: path, name: name) }

    private static func records(path: String, name: String?) throws -> RecordReader {
        RecordReader(try InputFile(path: path, name: name))
    }

    /// The batches of epoch `epoch` in order (the last may be short), produced ahead in a thread.
    public func epoch(_ epoch: Int) -> BatchQueue {
        let queue = BatchQueue(depth: 2)
        let thread = Thread { [self] in
            do {
                var buffer = ShuffleBuffer<HostTensor>(capacity: shuffleCapacity, seed: seed &+ UInt64(epoch) &* 0x9E37_79B9)
                var pending: [HostTensor] = []
                func take(_ clip: HostTensor) throws {
                    pending.append(clip)
                    if pending.count == batchSize {
                        try queue.put(.success(Self.stack(pending)))
                        pending.removeAll(keepingCapacity: true)
                    }
                }
                let reader = try records()
                while let record = try reader.read() {
                    if let out = buffer.push(try clip(of: record)) { try take(out) }
                }
                for clip in buffer.drain() { try take(clip) }
                if !pending.isEmpty { try queue.put(.success(Self.stack(pending))) }
                queue.finish(nil)
            } catch {
                queue.finish(error)
            }
        }
        thread.start()
        return queue
    }

    /// The mean of every frame of every clip [C, H, W], f32 in [0, 1], in one pass over the file.
    public func meanFrame() throws -> HostTensor {
        let frameSize = clipShape.dropFirst().reduce(1, *)
        var sums = [Double](repeating: 0, count: frameSize)
        var frames = 0
        let reader = try records()
        while let record = try reader.read() {
            let clip = try clip(of: record)
            sums.withUnsafeMutableBufferPointer { sums in
                clip.bytes.withUnsafeBufferPointer { pixels in
                    for start in stride(from: 0, to: pixels.count, by: frameSize) {
                        for i in 0..<frameSize { sums[i] += Double(pixels[start + i]) }
                    }
                }
            }
            frames += clipShape[0]
        }
        let scale = 1 / (255 * Double(frames))
        return HostTensor(f32: sums.map { Float($0 * scale) }, shape: Array(clipShape.dropFirst()))
    }

    /// The clip a record holds, refused unless it has the first clip's shape.
    private func clip(of record: Record) throws -> HostTensor {
        let clip = try FrameRecord.clip(of: record, in: name)
        guard clip.shape == clipShape else {
            throw IOFailure("\(name): clip shape \(clip.shape) differs from the first clip's \(clipShape)")
        }
        return clip
    }

    static func stack(_ clips: [HostTensor]) -> ClipBatch {
        var bytes = [UInt8]()
        bytes.reserveCapacity(clips.count * clips[0].bytes.count)
        for clip in clips { bytes.append(contentsOf: clip.bytes) }
        return ClipBatch(pixels: HostTensor(u8: bytes, shape: [clips.count] + clips[0].shape))
    }
}

/// A bounded hand-off between the reading thread and the training loop.
public final class BatchQueue: @unchecked Sendable {
    private let condition = NSCondition()
    private var items: [Result<ClipBatch, Error>] = []
    private var done = false
    private var cancelled = false
    private var failure: Error?
    private let depth: Int

    init(depth: Int) { self.depth = depth }

    /// Blocks while the queue is full; throws once the consumer has cancelled, to stop the reader.
    func put(_ item: Result<ClipBatch, Error>) throws {
        condition.lock()
        defer { condition.unlock() }
        while items.count >= depth && !cancelled { condition.wait() }
        if cancelled { throw CancellationError() }
        items.append(item)
        condition.broadcast()
    }

    /// Stops the reading thread when the consumer leaves an epoch early (a step limit).
    public func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }

    func finish(_ error: Error?) {
        condition.lock()
        done = true
        failure = error
        condition.broadcast()
        condition.unlock()
    }

    /// The next batch, nil at the end of the epoch; rethrows a reading error.
    public func next() throws -> ClipBatch? {
        condition.lock()
        defer { condition.unlock() }
        while items.isEmpty && !done { condition.wait() }
        if !items.isEmpty {
            let item = items.removeFirst()
            condition.broadcast()
            return try item.get()
        }
        if let failure { throw failure }
        return nil
    }
}
