import Foundation
import TensorStream

/// Per-frame reconstruction errors of one reconstructed clip, in [0, 1] pixel units.
public struct FrameErrors: Sendable {
    /// Where in a frame the error is gathered.
    public enum Pooling: Equatable, Sendable {
        /// The papers: the whole frame's summed error.
        case frame
        /// The k x k window (half-overlapping, over all channels) with the highest mean squared error,
        /// scaled to the frame's pixel count: the error the frame would have if all of it were as badly
        /// reconstructed as its worst patch. A small object (a bike on a walkway) then weighs the same
        /// in a wide frame as in a close-up, instead of being diluted by the well-reconstructed rest.
        case worstPatch(Int)
    }

    /// Squared error of each frame, ||I_t - R_t||^2, pooled as asked.
    public let squaredError: [Double]
    /// Luo et al.'s eq. 3: ||I_t - R_{t,t}||^2 + ||I_{t-1} - R_{t,t-1}||^2 (the second term from t = 1),
    /// pooled as asked; nil when the model reconstructs no previous frame or it was not asked for.
    public let luo: [Double]?
    /// Pixels per frame, for mean squared error and PSNR.
    public let pixelsPerFrame: Int
    private let maps: [ErrorMap]
    private let pooling: Pooling

    public var l2: [Double] { squaredError.map { $0.squareRoot() } }
    /// Hasan et al.'s e(t) = sum over (x, y) of ||I(x, y, t) - R(x, y, t)||_2, which Nayak et al. take
    /// as their eqs. 10-11: each pixel's error norm (over its channels), summed over the frame; on
    /// grey frames the sum of absolute errors. Pooled as asked.
    public var pixelL2: [Double] { maps.map { $0.rooted().pooled(pooling) } }
    /// The root of eq. 3, as the authors' test.py takes it.
    public var luoL2: [Double]? { luo?.map { $0.squareRoot() } }
    /// 10 log10(1 / MSE), peak 1 (higher = better reconstructed).
    public var psnr: [Double] { squaredError.map { 10 * log10(1 / max($0 / Double(pixelsPerFrame), 1e-12)) } }

    /// `withLuo: false` skips eq. 3, whose previous-frame term costs as much again as the rest.
    public init(record: Record, source: String, pooling: Pooling = .frame, withLuo: Bool = true) throws {
        guard let input = record["input"], let recon = record["recon"], input.dtype == .u8, recon.dtype == .f32,
              input.shape == recon.shape, input.shape.count == 4 else {
            throw IOFailure("\(source): record needs u8 'input' and f32 'recon' of one [T,C,H,W] shape (run reconstruct first)")
        }
        guard input.shape.allSatisfy({ $0 > 0 }) else {
            throw IOFailure("\(source): clip of shape \(input.shape) holds no pixels")
        }
        let (frames, channels, height, width) = (input.shape[0], input.shape[1], input.shape[2], input.shape[3])
        let size = channels * height * width
        pixelsPerFrame = size
        let pixels = input.bytes.map { Float($0) / 255 }
        let reconstructed = Self.floats(recon)
        let geometry = ErrorMap.Geometry(channels: channels, height: height, width: width)
        let current = (0..<frames).map { ErrorMap(pixels, reconstructed, from: $0 * size, to: $0 * size, geometry) }
        let squaredError = current.map { $0.pooled(pooling) }
        self.squaredError = squaredError
        maps = current
        self.pooling = pooling
        let previous = record["recon_prev"]
        if let previous, previous.shape != input.shape || previous.dtype != .f32 {
            throw IOFailure("\(source): 'recon_prev' must match 'input'")
        }
        if withLuo, let previous {
            let before = Self.floats(previous)
            luo = (0..<frames).map { t in
                t == 0 ? squaredError[0]
                    : current[t].adding(ErrorMap(pixels, before, from: (t - 1) * size, to: t * size, geometry)).pooled(pooling)
            }
        } else {
            luo = nil
        }
    }

    static func floats(_ tensor: HostTensor) -> [Float] {
        tensor.bytes.withUnsafeBytes { Array($0.bindMemory(to: Float.self)) }
    }
}

/// Squared reconstruction error of one frame at each pixel position, summed over channels (or its
/// root, `rooted`).
struct ErrorMap {
    struct Geometry {
        let channels: Int, height: Int, width: Int
    }

    let geometry: Geometry
    let values: [Double]

    /// (a[i + from] - b[i + to])^2 for one frame of `geometry`.
    init(_ a: [Float], _ b: [Float], from: Int, to: Int, _ geometry: Geometry) {
        let plane = geometry.height * geometry.width
        var values = [Double](repeating: 0, count: plane)
        for channel in 0..<geometry.channels {
            let offset = channel * plane
            for i in 0..<plane {
                let d = a[from + offset + i] - b[to + offset + i]
                values[i] += Double(d * d)
            }
        }
        self.init(geometry: geometry, values: values)
    }

    private init(geometry: Geometry, values: [Double]) {
        self.geometry = geometry
        self.values = values
    }

    /// Each pixel's error norm instead of its square.
    func rooted() -> ErrorMap {
        ErrorMap(geometry: geometry, values: values.map { $0.squareRoot() })
    }

    func adding(_ other: ErrorMap) -> ErrorMap {
        ErrorMap(geometry: geometry, values: zip(values, other.values).map { $0 + $1 })
    }

    func pooled(_ pooling: FrameErrors.Pooling) -> Double {
        switch pooling {
        case .frame: return values.reduce(0, +)
        case .worstPatch(let side): return worstPatchMean(side: side) * Double(geometry.channels * values.count)
        }
    }

    /// The highest mean over k x k windows placed every k/2 pixels, the last row and column of windows
    /// flush with the frame's edge; the whole frame when it is smaller than a window.
    private func worstPatchMean(side: Int) -> Double {
        let (h, w) = (geometry.height, geometry.width)
        let (kh, kw) = (min(side, h), min(side, w))
        // Summed-area table: any window's sum in four lookups.
        var table = [Double](repeating: 0, count: (h + 1) * (w + 1))
        for y in 0..<h {
            var row = 0.0
            for x in 0..<w {
                row += values[y * w + x]
                table[(y + 1) * (w + 1) + x + 1] = table[y * (w + 1) + x + 1] + row
            }
        }
        func starts(_ extent: Int, _ window: Int) -> [Int] {
            var positions = Array(stride(from: 0, through: extent - window, by: max(1, window / 2)))
            if positions.last != extent - window { positions.append(extent - window) }
            return positions
        }
        var worst = 0.0
        for y in starts(h, kh) {
            for x in starts(w, kw) {
                let sum = table[(y + kh) * (w + 1) + x + kw] - table[y * (w + 1) + x + kw]
                    - table[(y + kh) * (w + 1) + x] + table[y * (w + 1) + x]
                worst = max(worst, sum)
            }
        }
        return worst / Double(kh * kw * geometry.channels)
    }
}
