import Foundation
import Synth
import TestSupport
import XCTest

final class BenAriTests: XCTestCase {
    var directory: String!
    override func setUp() { directory = temporaryDirectory() }
    override func tearDown() { try? FileManager.default.removeItem(atPath: directory) }

    func testNormalDigitsBounceAtConstantSpeed() throws {
        for digits in try digitSets(in: directory) {
            let generator = BenAriMovingMNIST(digits: digits, width: 64, height: 64, frames: 20, seed: 1)
            for index in 0..<20 {
                let video = generator.video(index, split: .train, anomaly: nil)
                XCTAssertEqual(video.pixels.count, 20 * 64 * 64)
                XCTAssertEqual(video.labels, [UInt8](repeating: 0, count: 20))
                XCTAssertEqual(video.tracks.count, 2)
                for track in video.tracks {
                    XCTAssertTrue(track.x.allSatisfy { (0...36).contains($0) } && track.y.allSatisfy { (0...36).contains($0) })
                    // Every step that starts a step's length from the walls, and so cannot reach one, is
                    // the same: a tenth of the room along a unit direction; a bounce only shortens one.
                    let room = 0.0...36.0, free = (room.lowerBound + 3.6)...(room.upperBound - 3.6)
                    var freeSteps = 0
                    for t in 1..<20 {
                        let length = ((track.x[t] - track.x[t - 1]) * (track.x[t] - track.x[t - 1]) + (track.y[t] - track.y[t - 1]) * (track.y[t] - track.y[t - 1])).squareRoot()
                        XCTAssertLessThanOrEqual(length, 3.6 + 1e-9)
                        if free.contains(track.x[t - 1]) && free.contains(track.y[t - 1]) {
                            XCTAssertEqual(length, 3.6, accuracy: 1e-9, "step \(t) of video \(index)")
                            freeSteps += 1
                        }
                    }
                    XCTAssertGreaterThan(freeSteps, 0)
                }
            }
        }
    }

    func testTemporalCorruptionRepeatsTheFirstFrameLast() throws {
        for digits in try digitSets(in: directory) {
            let generator = BenAriMovingMNIST(digits: digits, width: 64, height: 64, frames: 20, seed: 4)
            for index in 0..<10 {
                let clean = generator.video(index, split: .test, anomaly: nil)
                let video = generator.video(index, split: .test, anomaly: .temporal)
                XCTAssertEqual(video.frame(19), video.frame(0))
                XCTAssertEqual(video.framesDiffering(from: clean), [19])
                XCTAssertEqual(video.labelledFrames, [19])
            }
        }
    }

    func testSpatialCorruptionIsABlackSquareOverADigitInTheLastFrame() throws {
        for digits in try digitSets(in: directory) {
            let generator = BenAriMovingMNIST(digits: digits, width: 64, height: 64, frames: 20, seed: 6)
            XCTAssertEqual(generator.squareSide, 9)
            for index in 0..<20 {
                let clean = generator.video(index, split: .test, anomaly: nil)
                let video = generator.video(index, split: .test, anomaly: .spatial)
                XCTAssertEqual(video.framesDiffering(from: clean), [19])
                XCTAssertEqual(video.labelledFrames, [19])
                let changed = video.pixelsDiffering(from: clean, frame: 19)
                let top = changed.map(\.y).min()!, left = changed.map(\.x).min()!
                XCTAssertTrue(changed.allSatisfy { $0.y < top + 9 && $0.x < left + 9 }, "changes spread beyond a 9x9 square")
                XCTAssertTrue(changed.allSatisfy { video.pixel(19, $0.y, $0.x) == 0 })
                // It covers a digit: bright ink of the clean frame went black.
                XCTAssertTrue(changed.contains { clean.pixel(19, $0.y, $0.x) >= 128 })
            }
        }
    }

    func testDeterministic() throws {
        let digits = try DigitImages(path: try syntheticDigitsFile(in: directory))
        let a = BenAriMovingMNIST(digits: digits, width: 64, height: 64, frames: 20, seed: 1)
        let b = BenAriMovingMNIST(digits: digits, width: 64, height: 64, frames: 20, seed: 2)
        for anomaly: BenAriMovingMNIST.Anomaly? in [nil, .temporal, .spatial] {
            XCTAssertEqual(a.video(3, split: .test, anomaly: anomaly), a.video(3, split: .test, anomaly: anomaly))
            XCTAssertNotEqual(a.video(3, split: .test, anomaly: anomaly).pixels, b.video(3, split: .test, anomaly: anomaly).pixels)
        }
    }
}
