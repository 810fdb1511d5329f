/// Moving MNIST as Luo et al. (ICME 2017, section 4.3) synthesise it: two random digits start at the
/// centre of a black frame (225x225 in the paper) and move horizontally, 20 frames.
///
/// - Normal: each digit keeps one horizontal velocity, 40-100% of a top speed of 5 px a frame,
///   lowered where needed so that no digit reaches the frame's edge within the video (a straight
///   motion never bounces). Digits overlay by maximum.
/// - `appearance`: a 3x3 white box, at one random place where the frames are not already white,
///   in 5 consecutive frames; those frames are labelled.
/// - `motion`: straight for the first half of the frames (10 of 20), then each digit steps in a new
///   random direction every frame, at least 30 degrees off horizontal and bouncing off the edges;
///   labelled from the first random step on.
public struct LuoMovingMNIST: Sendable {
    public enum Anomaly: String, CaseIterable, Sendable { case appearance, motion }

    /// "In each testing sequence" (section 4.3): every test video carries the anomaly, so eq. 4's
    /// per-video min-max always spans normal and anomalous frames.
    public static let anomalousVideos = AnomalousVideos.every
    public static let boxSide = 3
    public static let boxFrames = 5
    static let topSpeed = 5.0

    public let digits: DigitImages
    public let width: Int
    public let height: Int
    public let frames: Int
    public let seed: UInt64

    /// The frame must leave 4 px around a digit (room to bounce) and the video needs 2 frames.
    public init(digits: DigitImages, width: Int, height: Int, frames: Int, seed: UInt64) {
        precondition(width >= digits.columns + 4 && height >= digits.rows + 4 && frames >= 2, "LuoMovingMNIST: frame too small")
        self.digits = digits
        self.width = width
        self.height = height
        self.frames = frames
        self.seed = seed
    }

    /// The first frame of the random motion.
    public var motionOnset: Int { frames / 2 }

    public func video(_ index: Int, split: Split, anomaly: Anomaly?) -> SynthVideo {
        var random = SynthRandom(seed: seed, stream: [split.stream, UInt64(index), 0])
        let startX = Double((width - digits.columns) / 2), startY = Double((height - digits.rows) / 2)
        let top = min(Self.topSpeed, startX / Double(frames - 1))
        var tracks = (0..<2).map { _ in
            let sprite = digits.sprite(random.int(below: digits.count))
            let velocity = random.sign() * random.uniform(0.4 * top, top)
            return Track(shape: .digit, sprite: sprite, x: (0..<frames).map { startX + velocity * Double($0) },
                         y: Array(repeating: startY, count: frames))
        }

        // The anomaly draws from its own stream, so the clean part of a video does not depend on it.
        var chance = SynthRandom(seed: seed, stream: [split.stream, UInt64(index), 1])
        var labels = [UInt8](repeating: 0, count: frames)
        if anomaly == .motion {
            for i in tracks.indices { randomizeMotion(&tracks[i], using: &chance) }
            for t in motionOnset..<frames { labels[t] = 1 }
        }
        var canvas = Canvas(count: frames, height: height, width: width)
        canvas.draw(tracks, blend: .maximum)
        if anomaly == .appearance {
            let span = min(Self.boxFrames, frames)
            let first = chance.int(in: 0...(frames - span))
            let shown = first..<(first + span)
            var x = 0, y = 0
            for _ in 0..<100 {
                x = chance.int(in: 0...(width - Self.boxSide))
                y = chance.int(in: 0...(height - Self.boxSide))
                if shown.allSatisfy({ !isWhite(canvas, frame: $0, x: x, y: y) }) { break }
            }
            for t in shown {
                canvas.paint(frame: t, x: x, y: y, width: Self.boxSide, height: Self.boxSide, value: 255)
                labels[t] = 1
            }
        }
        return SynthVideo(width: width, height: height, pixels: canvas.pixels, labels: labels, tracks: tracks)
    }

    /// From the onset on, steps as long as the digit's own (at least 1.5 px), each in a fresh direction
    /// with a vertical part of at least half the step, so the first one already leaves the straight line.
    private func randomizeMotion(_ track: inout Track, using random: inout SynthRandom) {
        let step = max(abs(track.x[1] - track.x[0]), 1.5)
        let right = Double(width - digits.columns), bottom = Double(height - digits.rows)
        for t in motionOnset..<frames {
            var direction = random.direction()
            while abs(direction.y) < 0.5 { direction = random.direction() }
            track.x[t] = reflect(track.x[t - 1] + step * direction.x, into: right)
            track.y[t] = reflect(track.y[t - 1] + step * direction.y, into: bottom)
        }
    }

    private func isWhite(_ canvas: Canvas, frame t: Int, x: Int, y: Int) -> Bool {
        (y..<(y + Self.boxSide)).allSatisfy { row in (x..<(x + Self.boxSide)).allSatisfy { canvas[t, row, $0] == 255 } }
    }
}

/// `value` folded back into 0...limit, as a ball bounces off walls.
func reflect(_ value: Double, into limit: Double) -> Double {
    var v = value
    while v < 0 || v > limit { v = v < 0 ? -v : 2 * limit - v }
    return v
}
