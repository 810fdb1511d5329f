/// Moving MNIST as Ben-Ari & Shwartz-Ziv use it: the standard sequences of Srivastava et al. (ICML
/// 2015), two digits bouncing independently in a 64x64 black frame for 20 frames, overlaid by maximum,
/// and corrupted test sequences.
///
/// - Normal: each digit starts anywhere inside the frame and moves in a uniformly random direction,
///   a tenth of the free room per frame along each axis (3.6 px at 64x64), bouncing off the edges.
/// - `temporal`: the last frame replaced by the first; only the last frame is labelled.
/// - `spatial`: a black square, a third of a digit's side (9 px for MNIST), painted over one of the
///   digits in the last frame, centred on one of its brightest pixels; only the last frame is labelled.
public struct BenAriMovingMNIST: Sendable {
    public enum Anomaly: String, CaseIterable, Sendable { case temporal, spatial }

    /// "Our test set consists of both normal and corrupted sequences": half of each.
    public static let anomalousVideos = AnomalousVideos.everySecond

    public let digits: DigitImages
    public let width: Int
    public let height: Int
    public let frames: Int
    public let seed: UInt64

    public init(digits: DigitImages, width: Int, height: Int, frames: Int, seed: UInt64) {
        precondition(width >= digits.columns + 4 && height >= digits.rows + 4 && frames >= 2, "BenAriMovingMNIST: frame too small")
        self.digits = digits
        self.width = width
        self.height = height
        self.frames = frames
        self.seed = seed
    }

    public var squareSide: Int { max(2, digits.columns / 3) }

    public func video(_ index: Int, split: Split, anomaly: Anomaly?) -> SynthVideo {
        var random = SynthRandom(seed: seed, stream: [split.stream, UInt64(index), 0])
        let right = Double(width - digits.columns), bottom = Double(height - digits.rows)
        let tracks = (0..<2).map { _ in
            let sprite = digits.sprite(random.int(below: digits.count))
            var x = random.uniform(0, right), y = random.uniform(0, bottom)
            let direction = random.direction()
            var vx = direction.x * right / 10, vy = direction.y * bottom / 10
            var track = Track(shape: .digit, sprite: sprite, x: [x], y: [y])
            for _ in 1..<frames {
                (x, vx) = bounce(x + vx, vx, limit: right)
                (y, vy) = bounce(y + vy, vy, limit: bottom)
                track.x.append(x)
                track.y.append(y)
            }
            return track
        }

        var canvas = Canvas(count: frames, height: height, width: width)
        canvas.draw(tracks, blend: .maximum)
        var labels = [UInt8](repeating: 0, count: frames)
        let last = frames - 1
        switch anomaly {
        case nil: break
        case .temporal:
            canvas.copyFrame(0, to: last)
            labels[last] = 1
        case .spatial:
            var chance = SynthRandom(seed: seed, stream: [split.stream, UInt64(index), 1])
            let track = tracks[chance.int(below: tracks.count)]
            let peak = track.sprite.pixels.max() ?? 0
            let brightest = track.sprite.pixels.indices.filter { track.sprite.pixels[$0] == peak }
            let pixel = brightest[chance.int(below: brightest.count)]
            let centreX = Int(track.x[last].rounded()) + pixel % digits.columns
            let centreY = Int(track.y[last].rounded()) + pixel / digits.columns
            canvas.paint(frame: last, x: centreX - squareSide / 2, y: centreY - squareSide / 2,
                         width: squareSide, height: squareSide, value: 0)
            labels[last] = 1
        }
        return SynthVideo(width: width, height: height, pixels: canvas.pixels, labels: labels, tracks: tracks)
    }

    /// A position past an edge folded back inside, with the velocity turned round.
    private func bounce(_ position: Double, _ velocity: Double, limit: Double) -> (Double, Double) {
        if position < 0 { return (-position, -velocity) }
        if position > limit { return (2 * limit - position, -velocity) }
        return (position, velocity)
    }
}
