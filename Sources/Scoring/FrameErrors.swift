import Foundation
import TensorStream

/// Per-frame reconstruction errors of one reconstructed clip, in [0, 1] pixel units.
public struct FrameErrors: Sendable {
    /// Sum of squared errors of each frame: ||I_t - R_t||^2.
    public let squaredError: [Double]
    /// Luo et al.'s eq. 3: ||I_t - R_{t,t}||^2 + ||I_{t-1} - R_{t,t-1}||^2 (the second term from t = 1);
    /// nil when the model reconstructs no previous frame.
    public let luo: [Double]?
    /// Pixels per frame, for mean squared error and PSNR.
    public let pixelsPerFrame: Int

    public var l2: [Double] { squaredError.map { $0.squareRoot() } }
    /// 10 log10(1 / MSE), peak 1 (higher = better reconstructed).
    public var psnr: [Double] { squaredError.map { 10 * log10(1 / max($0 / Double(pixelsPerFrame), 1e-12)) } }

    public init(record: Record, source: String) throws {
        guard let input = record["input"], let recon = record["recon"], input.dtype == .u8, recon.dtype == .f32,
              input.shape == recon.shape, input.shape.count == 4 else {
            throw IOFailure("\(source): record needs u8 'input' and f32 'recon' of one [T,C,H,W] shape (run reconstruct first)")
        }
        let frames = input.shape[0]
        let size = input.elementCount / frames
        pixelsPerFrame = size
        let pixels = input.bytes.map { Float($0) / 255 }
        let reconstructed = Self.floats(recon)
        let current = (0..<frames).map { Self.sse(pixels, reconstructed, from: $0 * size, to: $0 * size, count: size) }
        squaredError = current
        if let previous = record["recon_prev"] {
            guard previous.shape == input.shape, previous.dtype == .f32 else { throw IOFailure("\(source): 'recon_prev' must match 'input'") }
            let before = Self.floats(previous)
            luo = (0..<frames).map { t in
                current[t] + (t == 0 ? 0 : Self.sse(pixels, before, from: (t - 1) * size, to: t * size, count: size))
            }
        } else {
            luo = nil
        }
    }

    static func floats(_ tensor: HostTensor) -> [Float] {
        tensor.bytes.withUnsafeBytes { Array($0.bindMemory(to: Float.self)) }
    }

    /// Σ (a[i + from] - b[i + to])^2 over `count` elements.
    static func sse(_ a: [Float], _ b: [Float], from: Int, to: Int, count: Int) -> Double {
        var total: Float = 0
        var partial: Double = 0
        for i in 0..<count {
            let d = a[from + i] - b[to + i]
            total += d * d
            // Flush to double every few thousand terms so float rounding stays negligible.
            if i & 4095 == 4095 {
                partial += Double(total)
                total = 0
            }
        }
        return partial + Double(total)
    }
}
