import Randomness

/// The generators' only source of randomness: xoshiro256** (Blackman and Vigna), its state filled by
/// SplitMix64. Written out here, never the system generator or the standard library's sampling
/// helpers, so that a seed gives the same bytes on every machine and Swift version.
public struct SynthRandom: Sendable {
    private var s0, s1, s2, s3: UInt64

    /// A generator for one independent stream: `seed` mixed with the stream's coordinates (the split,
    /// the video, a purpose), so a video never depends on how many videos came before it.
    public init(seed: UInt64, stream: [UInt64]) {
        var mixer = SplitMix64(seed: seed)
        for coordinate in stream { mixer = SplitMix64(seed: mixer.next() ^ coordinate) }
        s0 = mixer.next()
        s1 = mixer.next()
        s2 = mixer.next()
        s3 = mixer.next()
    }

    public mutating func next() -> UInt64 {
        let result = rotate(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotate(s3, 45)
        return result
    }

    /// Uniform in [0, 1), from the top 53 bits.
    public mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }

    /// Uniform in [low, high).
    public mutating func uniform(_ low: Double, _ high: Double) -> Double { low + (high - low) * unit() }

    /// Uniform in 0..<bound, unbiased (Lemire's multiply-and-reject).
    public mutating func int(below bound: Int) -> Int {
        precondition(bound > 0, "SynthRandom.int(below:) needs a positive bound")
        let n = UInt64(bound)
        var product = next().multipliedFullWidth(by: n)
        if product.low < n {
            let threshold = (0 &- n) % n
            while product.low < threshold { product = next().multipliedFullWidth(by: n) }
        }
        return Int(product.high)
    }

    public mutating func int(in range: ClosedRange<Int>) -> Int { range.lowerBound + int(below: range.count) }

    /// -1 or +1.
    public mutating func sign() -> Double { next() >> 63 == 0 ? -1 : 1 }

    /// A uniformly random unit vector, by rejection in the unit disc: square roots are exactly rounded
    /// everywhere, unlike sin and cos, so directions do not change with the C library.
    public mutating func direction() -> (x: Double, y: Double) {
        while true {
            let x = uniform(-1, 1), y = uniform(-1, 1)
            let r2 = x * x + y * y
            if r2 > 0.01, r2 <= 1 {
                let r = r2.squareRoot()
                return (x / r, y / r)
            }
        }
    }

    private func rotate(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }
}
