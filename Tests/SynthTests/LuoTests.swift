import Foundation
import Synth
import TestSupport
import XCTest

final class LuoTests: XCTestCase {
    var directory: String!
    override func setUp() { directory = temporaryDirectory() }
    override func tearDown() { try? FileManager.default.removeItem(atPath: directory) }

    func testDigitsStartCentredAndMoveOnlyHorizontally() throws {
        // Two copies of one square digit, symmetric about its middle row: however the copies overlap,
        // the frame's mass centroid sits on the centre row exactly as long as they move horizontally.
        let path = directory + "/square-idx3-ubyte"
        try write(idxBytes(shape: [1, 28, 28], values: (0..<784).map { (9..<19).contains($0 / 28) && (9..<19).contains($0 % 28) ? 200 : 0 }), to: path)
        let generator = LuoMovingMNIST(digits: try DigitImages(path: path), width: 225, height: 225, frames: 20, seed: 3)
        for index in 0..<10 {
            let video = generator.video(index, split: .train, anomaly: nil)
            XCTAssertEqual(video.pixels.count, 20 * 225 * 225)
            XCTAssertEqual(video.labels, [UInt8](repeating: 0, count: 20))
            // Top-left (98, 98): the square's middle is at 98 + 13.5 in both directions.
            let first = video.centroid(0)
            XCTAssertEqual(first.x, 111.5, accuracy: 1e-9)
            XCTAssertEqual(first.y, 111.5, accuracy: 1e-9)
            for t in 0..<20 { XCTAssertEqual(video.centroid(t).y, 111.5, accuracy: 1e-9) }
            XCTAssertNotEqual(Set(video.ink(0).map(\.x)), Set(video.ink(19).map(\.x)), "video \(index) did not move")
        }

        // Real digits: all ink stays in the centre band of rows, starting in the centre box.
        for digits in try digitSets(in: directory) {
            let generator = LuoMovingMNIST(digits: digits, width: 225, height: 225, frames: 20, seed: 5)
            for index in 0..<10 {
                let video = generator.video(index, split: .train, anomaly: nil)
                for t in 0..<20 { XCTAssertTrue(video.ink(t).allSatisfy { (98..<126).contains($0.y) }, "ink off the centre rows in video \(index) frame \(t)") }
                XCTAssertTrue(video.ink(0).allSatisfy { (98..<126).contains($0.x) }, "video \(index) does not start in the centre")
                for track in video.tracks {
                    XCTAssertEqual(Set(track.y), [98])
                    let velocity = track.x[1] - track.x[0]
                    XCTAssertGreaterThan(abs(velocity), 0.1)
                    for t in 1..<20 { XCTAssertEqual(track.x[t] - track.x[t - 1], velocity, accuracy: 1e-9) }
                    XCTAssertTrue(track.x.allSatisfy { (0...197).contains($0) }, "a digit reached the edge")
                }
            }
        }
    }

    func testAppearanceAnomalyIsAWhiteBoxInFiveLabelledFrames() throws {
        for digits in try digitSets(in: directory) {
            for (width, height) in [(225, 225), (64, 48)] {
                let generator = LuoMovingMNIST(digits: digits, width: width, height: height, frames: 20, seed: 11)
                for index in 0..<12 {
                    let clean = generator.video(index, split: .test, anomaly: nil)
                    let video = generator.video(index, split: .test, anomaly: .appearance)
                    let changed = video.framesDiffering(from: clean)
                    XCTAssertEqual(changed.count, 5)
                    XCTAssertEqual(changed, Array(changed[0]...(changed[0] + 4)), "not consecutive")
                    XCTAssertEqual(video.labelledFrames, changed)
                    for t in changed {
                        let pixels = video.pixelsDiffering(from: clean, frame: t)
                        let top = pixels.map(\.y).min()!, left = pixels.map(\.x).min()!
                        XCTAssertTrue(pixels.allSatisfy { $0.y < top + 3 && $0.x < left + 3 })
                        XCTAssertTrue(Self.whiteBox(holding: pixels, in: video, frame: t), "no white 3x3 box in frame \(t)")
                    }
                    XCTAssertEqual(video.tracks, clean.tracks)
                }
            }
        }
    }

    /// Whether a 3x3 square of 255 in frame t holds all of `pixels`.
    static func whiteBox(holding pixels: [(y: Int, x: Int)], in video: SynthVideo, frame t: Int) -> Bool {
        let top = pixels.map(\.y).min()!, left = pixels.map(\.x).min()!
        for y in max(0, top - 2)...top where y + 3 <= video.height {
            for x in max(0, left - 2)...left where x + 3 <= video.width {
                let holds = pixels.allSatisfy { (y..<(y + 3)).contains($0.y) && (x..<(x + 3)).contains($0.x) }
                let white = (y..<(y + 3)).allSatisfy { r in (x..<(x + 3)).allSatisfy { video.pixel(t, r, $0) == 255 } }
                if holds && white { return true }
            }
        }
        return false
    }

    func testMotionAnomalyIsStraightForTenFramesThenRandom() throws {
        for digits in try digitSets(in: directory) {
            let generator = LuoMovingMNIST(digits: digits, width: 225, height: 225, frames: 20, seed: 2)
            XCTAssertEqual(generator.motionOnset, 10)
            for index in 0..<12 {
                let clean = generator.video(index, split: .test, anomaly: nil)
                let video = generator.video(index, split: .test, anomaly: .motion)
                XCTAssertEqual(video.labels, [UInt8](repeating: 0, count: 10) + [UInt8](repeating: 1, count: 10))
                XCTAssertEqual(video.framesDiffering(from: clean), Array(10..<20))
                for (track, straight) in zip(video.tracks, clean.tracks) {
                    let velocity = track.x[1] - track.x[0]
                    for t in 1..<10 {
                        XCTAssertEqual(track.x[t] - track.x[t - 1], velocity, accuracy: 1e-9)
                        XCTAssertEqual(track.y[t], track.y[0])
                    }
                    XCTAssertEqual(Array(track.x.prefix(10)), Array(straight.x.prefix(10)))
                    // The first random step already leaves the digit's row.
                    XCTAssertNotEqual(track.y[10].rounded(), track.y[0])
                    let steps = (11..<20).map { (track.x[$0] - track.x[$0 - 1], track.y[$0] - track.y[$0 - 1]) }
                    XCTAssertTrue(steps.contains { abs($0.0 - velocity) > 0.5 || abs($0.1) > 0.5 })
                    XCTAssertTrue(track.x.allSatisfy { (0...197).contains($0) } && track.y.allSatisfy { (0...197).contains($0) })
                }
            }
        }
    }

    func testDeterministicShapesAndSplits() throws {
        let digits = try DigitImages(path: try syntheticDigitsFile(in: directory))
        let a = LuoMovingMNIST(digits: digits, width: 225, height: 225, frames: 20, seed: 9)
        let b = LuoMovingMNIST(digits: digits, width: 225, height: 225, frames: 20, seed: 10)
        for anomaly: LuoMovingMNIST.Anomaly? in [nil, .appearance, .motion] {
            XCTAssertEqual(a.video(4, split: .test, anomaly: anomaly), a.video(4, split: .test, anomaly: anomaly))
            XCTAssertNotEqual(a.video(4, split: .test, anomaly: anomaly).pixels, b.video(4, split: .test, anomaly: anomaly).pixels)
        }
        XCTAssertNotEqual(a.video(4, split: .train, anomaly: nil).pixels, a.video(4, split: .test, anomaly: nil).pixels)
        XCTAssertNotEqual(a.video(4, split: .train, anomaly: nil).pixels, a.video(5, split: .train, anomaly: nil).pixels)
        let record = a.video(0, split: .test, anomaly: .motion).record(dataset: "moving-mnist-luo", index: 0, source: "s", labelled: true)
        XCTAssertEqual(record["frames"]?.dtype, .u8)
        XCTAssertEqual(record["frames"]?.shape, [20, 1, 225, 225])
        XCTAssertEqual(record.metadata["labels"], "00000000001111111111")
        XCTAssertEqual(record.metadata["video"], "01")
    }
}
