/// A scene that needs no download and is quick to train on: a fixed camera over a walkway. The
/// background never changes (a grey gradient, a lighter path across the middle third of the frame,
/// two dark planters beside it); 2 to 4 bright squares walk along the path, each in a straight line
/// at a random height on it, left or right, at a regular speed (a fortieth of the frame width per
/// frame, +-20%), re-entering at the other side when they leave.
///
/// Test anomalies start at a random frame from a quarter to half way through the video (frames n/4 to
/// n/2, both included):
/// - `fast`: an extra square enters at 3 to 4 times walking speed;
/// - `shape`: an extra triangle enters at walking speed;
/// - `off-path`: the walker nearest the centre turns off the path, moving sideways at walking speed
///   (at least 1 px a frame), and once two pixels clear of it walks on beside it.
/// The labels mark exactly the frames that differ from the same video without the anomaly.
public struct MovingShapes: Sendable {
    public enum Anomaly: String, CaseIterable, Sendable {
        case fast, shape
        case offPath = "off-path"
    }

    static let objectValue: UInt8 = 230

    public let width: Int
    public let height: Int
    public let frames: Int
    public let seed: UInt64
    /// Every video's first frame before the objects are drawn.
    public let background: [UInt8]

    public init(width: Int, height: Int, frames: Int, seed: UInt64) {
        precondition(width >= 16 && height >= 16 && frames >= 2, "MovingShapes: frame too small")
        self.width = width
        self.height = height
        self.frames = frames
        self.seed = seed
        background = Self.background(width: width, height: height)
    }

    /// The rows of the path.
    public var path: Range<Int> { Self.path(height: height) }
    public var objectSide: Int { max(3, min(width, height) / 10) }
    /// Pixels per frame of an average walker.
    public var walkingSpeed: Double { Double(width) / 40 }

    public func video(_ index: Int, split: Split, anomaly: Anomaly?) -> SynthVideo {
        var random = SynthRandom(seed: seed, stream: [split.stream, UInt64(index), 0])
        var tracks = (0..<random.int(in: 2...4)).map { _ in
            let lane = Double(random.int(in: path.lowerBound...(path.upperBound - objectSide)))
            let velocity = random.sign() * walkingSpeed * random.uniform(0.8, 1.2)
            let start = random.uniform(-Double(objectSide), Double(width))
            return Track(shape: .square, sprite: square, x: (0..<frames).map { wrap(start + velocity * Double($0)) },
                         y: Array(repeating: lane, count: frames))
        }
        let clean = render(tracks)
        guard let anomaly else {
            return SynthVideo(width: width, height: height, pixels: clean, labels: [UInt8](repeating: 0, count: frames), tracks: tracks)
        }

        var chance = SynthRandom(seed: seed, stream: [split.stream, UInt64(index), 1])
        // Never the first frame: the anomaly should begin inside the video.
        let onset = chance.int(in: max(1, frames / 4)...max(1, frames / 2))
        switch anomaly {
        case .fast:
            tracks.append(entering(at: onset, among: tracks, shape: .square, speed: walkingSpeed * chance.uniform(3, 4), using: &chance))
        case .shape:
            tracks.append(entering(at: onset, among: tracks, shape: .triangle, speed: walkingSpeed * chance.uniform(0.8, 1.2), using: &chance))
        case .offPath:
            let centre = Double(width - objectSide) / 2
            let walker = tracks.indices.min { abs(tracks[$0].x[onset] - centre) < abs(tracks[$1].x[onset] - centre) }!
            leavePath(&tracks[walker], at: onset, upwards: chance.sign() < 0)
        }
        let pixels = render(tracks)
        let frameSize = width * height
        let labels = (0..<frames).map { t -> UInt8 in
            pixels[(t * frameSize)..<((t + 1) * frameSize)] == clean[(t * frameSize)..<((t + 1) * frameSize)] ? 0 : 1
        }
        return SynthVideo(width: width, height: height, pixels: pixels, labels: labels, tracks: tracks)
    }

    /// An object crossing the frame from a random side along a random lane, without re-entering; at
    /// `onset` one column of it shows, where no walker hides it if such a place is free.
    private func entering(at onset: Int, among walkers: [Track], shape: Track.Shape, speed: Double,
                          using random: inout SynthRandom) -> Track {
        var velocity = 0.0, entry = 0.0, lane = 0.0
        for _ in 0..<20 {
            velocity = random.sign() * speed
            entry = velocity > 0 ? Double(1 - objectSide) : Double(width - 1)
            lane = Double(random.int(in: path.lowerBound...(path.upperBound - objectSide)))
            let hidden = walkers.contains { abs($0.x[onset] - entry) < Double(objectSide) && abs($0.y[onset] - lane) < Double(objectSide) }
            if !hidden { break }
        }
        return Track(shape: shape, sprite: shape == .triangle ? triangle : square,
                     x: (0..<frames).map { entry + velocity * Double($0 - onset) },
                     y: Array(repeating: lane, count: frames))
    }

    /// From `onset` the walker also moves sideways at walking speed (at least a pixel a frame, so the
    /// first step shows), until it is two pixels clear of the path.
    private func leavePath(_ track: inout Track, at onset: Int, upwards: Bool) {
        let target = upwards ? Double(path.lowerBound - objectSide - 2) : Double(path.upperBound + 2)
        let speed = max(walkingSpeed, 1)
        for t in onset..<frames {
            let previous = track.y[t - 1]
            track.y[t] = upwards ? max(target, previous - speed) : min(target, previous + speed)
        }
    }

    private func render(_ tracks: [Track]) -> [UInt8] {
        var canvas = Canvas(count: frames, height: height, width: width)
        canvas.fill(with: background)
        canvas.draw(tracks, blend: .over)
        return canvas.pixels
    }

    /// Objects that leave at one side come back at the other, one object's width later.
    private func wrap(_ x: Double) -> Double {
        let period = Double(width + objectSide)
        let folded = (x + Double(objectSide)).truncatingRemainder(dividingBy: period)
        return (folded < 0 ? folded + period : folded) - Double(objectSide)
    }

    private var square: Sprite {
        Sprite(width: objectSide, height: objectSide, pixels: [UInt8](repeating: Self.objectValue, count: objectSide * objectSide))
    }

    /// Pointing up, as wide at its base as a square.
    private var triangle: Sprite {
        let centre = Double(objectSide - 1) / 2
        let pixels = (0..<objectSide).flatMap { row in
            (0..<objectSide).map { column in abs(Double(column) - centre) <= Double(row + 1) / 2 ? Self.objectValue : 0 }
        }
        return Sprite(width: objectSide, height: objectSide, pixels: pixels)
    }

    private static func path(height: Int) -> Range<Int> { (height / 3)..<(height - height / 3) }

    private static func background(width: Int, height: Int) -> [UInt8] {
        var canvas = Canvas(count: 1, height: height, width: width)
        for row in 0..<height {
            canvas.paint(frame: 0, x: 0, y: row, width: width, height: 1, value: UInt8(40 + 30 * row / height))
        }
        let path = path(height: height)
        canvas.paint(frame: 0, x: 0, y: path.lowerBound, width: width, height: path.count, value: 110)
        canvas.paint(frame: 0, x: 0, y: path.lowerBound, width: width, height: 1, value: 150)
        canvas.paint(frame: 0, x: 0, y: path.upperBound - 1, width: width, height: 1, value: 150)
        let planter = max(2, height / 8)
        canvas.paint(frame: 0, x: width / 8, y: path.lowerBound - planter - height / 16, width: width / 4, height: planter, value: 20)
        canvas.paint(frame: 0, x: width * 5 / 8, y: path.upperBound + height / 16, width: width / 4, height: planter, value: 20)
        return canvas.pixels
    }
}
