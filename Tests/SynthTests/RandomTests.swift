import Randomness
import Synth
import XCTest

final class RandomTests: XCTestCase {
    func testSplitMix64MatchesItsReferenceOutput() {
        var mixer = SplitMix64(seed: 0)
        XCTAssertEqual([mixer.next(), mixer.next(), mixer.next()], [0xE220_A839_7B1D_CDAF, 0x6E78_9E6A_A1B9_65F4, 0x06C4_5D18_8009_454F])
    }

    func testStreamsAreReproducibleAndIndependent() {
        func draws(_ seed: UInt64, _ stream: [UInt64]) -> [UInt64] {
            var random = SynthRandom(seed: seed, stream: stream)
            return (0..<8).map { _ in random.next() }
        }
        XCTAssertEqual(draws(1, [0, 3]), draws(1, [0, 3]))
        XCTAssertNotEqual(draws(1, [0, 3]), draws(2, [0, 3]))
        XCTAssertNotEqual(draws(1, [0, 3]), draws(1, [1, 3]))
        XCTAssertNotEqual(draws(1, [0, 3]), draws(1, [0, 4]))
    }

    func testSamplersStayInRange() {
        var random = SynthRandom(seed: 7, stream: [])
        var seen = Set<Int>()
        for _ in 0..<2000 {
            let i = random.int(below: 7)
            XCTAssert((0..<7).contains(i))
            seen.insert(i)
            XCTAssert((-3...3).contains(random.int(in: -3...3)))
            let u = random.uniform(2, 5)
            XCTAssert(u >= 2 && u < 5)
            let d = random.direction()
            XCTAssertEqual(d.x * d.x + d.y * d.y, 1, accuracy: 1e-12)
            XCTAssert([-1.0, 1.0].contains(random.sign()))
        }
        XCTAssertEqual(seen.count, 7)
    }
}
