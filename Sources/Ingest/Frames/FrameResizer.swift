import Engine
import ImageIO

/// Stacks decoded frames into the stream's [N, C, H, W] u8 layout, resizing with libtorch
/// (area averaging by default, or antialiased bilinear) when a size is asked for.
public struct FrameResizer: Sendable {
    public let width: Int?
    public let height: Int?
    public let filter: Interpolation

    public init(width: Int?, height: Int?, filter: Interpolation) {
        self.width = width
        self.height = height
        self.filter = filter
    }

    /// Frames must share one size and channel count.
    public func stack(_ images: [Image], source: String) throws -> (pixels: [UInt8], channels: Int, height: Int, width: Int) {
        let first = images[0]
        for image in images where image.width != first.width || image.height != first.height || image.channels != first.channels {
            throw IngestError("\(source): frames change size from \(first.width)x\(first.height)x\(first.channels) to \(image.width)x\(image.height)x\(image.channels)")
        }
        let outW = width ?? first.width, outH = height ?? first.height
        let resizing = outW != first.width || outH != first.height
        var interleaved = [UInt8]()
        interleaved.reserveCapacity(images.count * first.pixels.count)
        for image in images { interleaved.append(contentsOf: image.pixels) }
        // Grey frames at native size are already [N, 1, H, W].
        if first.channels == 1 && !resizing { return (interleaved, 1, first.height, first.width) }
        var x = try Tensor(interleaved, shape: [images.count, first.height, first.width, first.channels]).permuted([0, 3, 1, 2])
        if resizing {
            x = try x.to(.f32).interpolated(height: outH, width: outW, mode: filter).round().clamp(0, 255).to(.u8)
        }
        return (try x.contiguous().scalars(as: UInt8.self), first.channels, outH, outW)
    }
}
