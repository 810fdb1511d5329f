import Synth
import TensorStream
import XCTest

final class MovingShapesTests: XCTestCase {
    let generator = MovingShapes(width: 64, height: 64, frames: 20, seed: 1)

    /// Frames in which a track's sprite, rounded to the grid, overlaps the frame.
    func visibleFrames(_ track: Track, in video: SynthVideo) -> [Int] {
        (0..<video.frameCount).filter { t in
            let x = Int(track.x[t].rounded()), y = Int(track.y[t].rounded())
            return x < video.width && x + track.sprite.width > 0 && y < video.height && y + track.sprite.height > 0
        }
    }

    /// Frames in which `track` shows and no other track's square could hide it: the anomaly must be
    /// labelled there at least.
    func clearFrames(_ track: Track, in video: SynthVideo) -> [Int] {
        visibleFrames(track, in: video).filter { t in
            video.tracks.allSatisfy { other in
                other == track || abs(other.x[t].rounded() - track.x[t].rounded()) >= 6 || abs(other.y[t].rounded() - track.y[t].rounded()) >= 6
            }
        }
    }

    /// The labels mark exactly the frames that differ from the clean video; the anomalous object shows
    /// in every labelled frame, and every frame where it shows in the clear is labelled.
    func checkLabels(_ video: SynthVideo, clean: SynthVideo, anomalous track: Track, from onset: Int = 0) {
        let labelled = video.labelledFrames
        XCTAssertFalse(labelled.isEmpty)
        XCTAssertEqual(labelled, video.framesDiffering(from: clean))
        XCTAssertTrue(Set(labelled).isSubset(of: visibleFrames(track, in: video).filter { $0 >= onset }), "\(labelled)")
        XCTAssertTrue(Set(clearFrames(track, in: video).filter { $0 >= onset }).isSubset(of: labelled), "\(labelled)")
        XCTAssertEqual(video.labels.first, 0, "the anomaly should start inside the video")
    }

    /// Pixels per frame along the path, unwrapping a walker that re-enters at the other side.
    func step(_ track: Track, _ t: Int) -> Double {
        let period = Double(64 + generator.objectSide)
        var d = track.x[t] - track.x[t - 1]
        if d > period / 2 { d -= period } else if d < -period / 2 { d += period }
        return d
    }

    func testTrainingVideosWalkThePathAtRegularSpeed() {
        XCTAssertEqual(generator.path, 21..<43)
        XCTAssertEqual(generator.objectSide, 6)
        for index in 0..<30 {
            let video = generator.video(index, split: .train, anomaly: nil)
            XCTAssertEqual(video.pixels.count, 20 * 64 * 64)
            XCTAssertEqual(video.labels, [UInt8](repeating: 0, count: 20))
            XCTAssertTrue((2...4).contains(video.tracks.count))
            for track in video.tracks {
                XCTAssertEqual(track.shape, .square)
                XCTAssertEqual(Set(track.y).count, 1)
                XCTAssertTrue(track.y[0] >= 21 && track.y[0] + 6 <= 43, "lane \(track.y[0]) off the path")
                let speed = step(track, 1)
                XCTAssertTrue((1.28...1.92).contains(abs(speed)), "speed \(speed)")
                for t in 2..<20 { XCTAssertEqual(step(track, t), speed, accuracy: 1e-9) }
            }
            // Off the path, every frame is the fixed background.
            for t in 0..<20 {
                for y in 0..<64 where !(21..<43).contains(y) {
                    XCTAssertEqual(video.frame(t)[(t * 4096 + y * 64)..<(t * 4096 + y * 64 + 64)],
                                   generator.background[(y * 64)..<(y * 64 + 64)])
                }
            }
        }
    }

    func testFastObjectShowsOnlyInLabelledFrames() {
        for index in 0..<10 {
            let clean = generator.video(index, split: .test, anomaly: nil)
            let video = generator.video(index, split: .test, anomaly: .fast)
            XCTAssertEqual(Array(video.tracks.prefix(clean.tracks.count)), clean.tracks)
            let fast = video.tracks.last!
            XCTAssertEqual(video.tracks.count, clean.tracks.count + 1)
            XCTAssertGreaterThanOrEqual(abs(fast.x[1] - fast.x[0]), 3 * generator.walkingSpeed)
            checkLabels(video, clean: clean, anomalous: fast)
        }
    }

    func testOtherShapeShowsOnlyInLabelledFrames() {
        for index in 0..<10 {
            let clean = generator.video(index, split: .test, anomaly: nil)
            let video = generator.video(index, split: .test, anomaly: .shape)
            XCTAssertEqual(video.tracks.filter { $0.shape == .triangle }.count, 1)
            let triangle = video.tracks.last!
            XCTAssertEqual(triangle.shape, .triangle)
            XCTAssertTrue((1.28...1.92).contains(abs(triangle.x[1] - triangle.x[0])))
            checkLabels(video, clean: clean, anomalous: triangle)
        }
    }

    func testLeavingThePathShowsOnlyInLabelledFrames() {
        for index in 0..<10 {
            let clean = generator.video(index, split: .test, anomaly: nil)
            let video = generator.video(index, split: .test, anomaly: .offPath)
            XCTAssertEqual(video.tracks.count, clean.tracks.count)
            let walker = video.tracks.first { Set($0.y).count > 1 }!
            let onset = walker.y.firstIndex { $0 != walker.y[0] }!
            XCTAssertTrue((5...10).contains(onset))
            checkLabels(video, clean: clean, anomalous: walker, from: onset)
            let labelled = video.labelledFrames
            // Something stands off the path, which never happens in normal frames.
            func offPath(_ t: Int) -> Bool {
                (0..<64).contains { y in !(21..<43).contains(y) && (0..<64).contains { video.pixel(t, y, $0) != generator.background[y * 64 + $0] } }
            }
            XCTAssertFalse((0..<labelled[0]).contains(where: offPath))
            XCTAssertTrue(labelled.contains(where: offPath))
        }
    }

    func testFixedBackgroundDeterminismAndPlan() {
        let other = MovingShapes(width: 64, height: 64, frames: 20, seed: 2)
        XCTAssertEqual(other.background, generator.background)
        XCTAssertEqual(generator.video(3, split: .test, anomaly: .fast), generator.video(3, split: .test, anomaly: .fast))
        XCTAssertNotEqual(generator.video(3, split: .test, anomaly: nil).pixels, other.video(3, split: .test, anomaly: nil).pixels)
        XCTAssertNotEqual(generator.video(3, split: .train, anomaly: nil).pixels, generator.video(3, split: .test, anomaly: nil).pixels)

        let kinds = MovingShapes.Anomaly.allCases
        XCTAssertEqual((0..<8).map { plannedAnomaly(of: kinds, video: $0, split: .test) }, [.fast, nil, .shape, nil, .offPath, nil, .fast, nil])
        XCTAssertEqual((0..<4).map { plannedAnomaly(of: kinds, video: $0, split: .train) }, [nil, nil, nil, nil])
        XCTAssertEqual((0..<4).map { plannedAnomaly(of: kinds, video: $0, split: .test, plan: .every) }, [.fast, .shape, .offPath, .fast])
        XCTAssertEqual((0..<4).map { plannedAnomaly(of: kinds, video: $0, split: .train, plan: .every) }, [nil, nil, nil, nil])

        let record = generator.video(0, split: .train, anomaly: nil).record(dataset: "moving-shapes", index: 99, source: "s", labelled: false)
        XCTAssertEqual(record["frames"]?.shape, [20, 1, 64, 64])
        XCTAssertEqual(record.metadata, ["dataset": "moving-shapes", "video": "100", "frames": Record.encodeIntegers(Array(0..<20)), "source": "s"])
    }
}
